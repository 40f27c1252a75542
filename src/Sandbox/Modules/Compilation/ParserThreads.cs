using System.Collections.Concurrent;

namespace IsolatedRuntime.Sandbox.Modules.Compilation;

/// <summary>
/// Parses large module sources on threads of their own, so a run waits for its parse only until its deadline. The
/// parser cannot be interrupted: parsing a 4 MB source takes seconds, and on the run's own thread a parse kept going
/// long after the run's answer (the watchdog retired the thread). Here the run answers <c>Timeout</c> at its deadline,
/// its thread goes back to the pool, and the parse — bounded by the source size limit — finishes on a parser thread
/// and is cached for the next run of that source. A parse nobody waits for any more is skipped if it has not started.
/// </summary>
internal static class ParserThreads
{
    /// <summary>Sources shorter than this (characters) parse on the run's thread: in milliseconds.</summary>
    internal const int InlineCharacters = 128 * 1024;

    // Stack as deep as a pool thread's: the nesting guard lets through sources the parser needs room for.
    private const int _stackBytes = 16 * 1024 * 1024;

    private static readonly BlockingCollection<Job> _queue = [];
    private static readonly Lazy<Thread[]> _threads = new(Start);

    /// <summary>Queues <paramref name="job"/> for a parser thread; its creator has enlisted as a waiter already.</summary>
    public static void Enqueue(Job job)
    {
        _ = _threads.Value;
        _queue.Add(job);
    }

    /// <summary>
    /// Waits for <paramref name="job"/> until <paramref name="deadline"/>; the caller must have enlisted. Null when the
    /// job was skipped because every waiter had left before it started (the caller should queue a new one).
    /// </summary>
    /// <exception cref="OperationCanceledException">The deadline passed first (the parse goes on for later runs).</exception>
    public static T? Wait<T>(ParseJob<T> job, CancellationToken deadline)
        where T : class
    {
        try
        {
            job.Completion.Wait(deadline);
        }
        catch (AggregateException) when (job.Completion.IsCanceled)
        {
            return null;
        }
        finally
        {
            job.Leave();
        }

        return job.Completion.Result;
    }

    private static Thread[] Start()
    {
        var threads = new Thread[Math.Clamp(Environment.ProcessorCount / 2, 1, 4)];
        for (var i = 0; i < threads.Length; i++)
        {
            threads[i] = new Thread(Work, _stackBytes) { IsBackground = true, Name = "module-parser-" + (i + 1) };
            threads[i].UnsafeStart();
        }

        return threads;
    }

    private static void Work()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            job.Run();
        }
    }

    /// <summary>A parse some runs wait for.</summary>
    internal abstract class Job
    {
        private int _waiters;

        public void Enlist() => Interlocked.Increment(ref _waiters);

        public void Leave() => Interlocked.Decrement(ref _waiters);

        protected bool Abandoned => Volatile.Read(ref _waiters) == 0;

        public abstract void Run();
    }
}

/// <summary>One parse of one source, shared by the runs that ask for it while it is pending.</summary>
internal sealed class ParseJob<T>(Func<T> parse, Action? abandoned = null) : ParserThreads.Job
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Completion => _completion.Task;

    public override void Run()
    {
        if (Abandoned)
        {
            abandoned?.Invoke();
            _completion.TrySetCanceled();
            return;
        }

        try
        {
            _completion.TrySetResult(parse());
        }
        catch (Exception e)
        {
            _completion.TrySetException(e);
        }
    }
}
