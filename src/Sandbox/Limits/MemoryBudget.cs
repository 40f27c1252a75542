using System.Globalization;
using Jint;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// The memory budget of one run: what the run <em>holds</em>, across all its event-loop turns, not what it allocated
/// over its life. Jint checks it before every statement (and inside long builtin loops).
/// </summary>
/// <remarks>
/// <para>
/// Two figures are kept. <b>Own allocation</b>: bytes allocated on the engine's thread while the run's code executes,
/// summed over every entry into the engine (turns may run on different pool threads), garbage included. It is exact
/// and cheap but over-counts. <b>Live growth</b>: the process's live heap (after a full blocking collection) minus
/// the heap when the run started. It sees only what survives, but everything that survives, whoever holds it.
/// </para>
/// <para>
/// A run is charged the smaller of the two: it cannot hold more than it allocated, and it cannot hold more than
/// the process grew by. The collection is expensive, so it only runs when own allocation since the last
/// confirmation could have taken the run over budget, and even then only when the heap's size without a collection
/// (live objects plus uncollected garbage, an upper bound of the live heap) says the run might be over; a run that
/// allocates and drops (a garbage loop) is confirmed every budget's worth of allocation, rarely collects and never
/// faults, one that keeps what it allocates faults within a quarter budget of crossing the line.
/// </para>
/// <para>
/// Jint calls <see cref="Reset"/> when a top-level entry starts and again when it ends; both are used only to mark
/// where the run's own allocation starts and stops, never to forget it.
/// </para>
/// </remarks>
internal sealed class MemoryBudget : Constraint
{
    internal const long Megabyte = 1024 * 1024;

    // Garbage a run's starting figure may include before it is measured instead: small budgets would otherwise
    // force a collection at the start of most runs.
    internal const long MinBaselineTolerance = 16 * Megabyte;

    // A guard confirms against the live heap again only after a sixteenth of the budget was allocated since the last.
    internal const long ConfirmationSteps = 16;

    private readonly long _limit;
    private long _baseline;
    private long _allocated;
    private long _nextConfirmation;
    private long _allocatedAtConfirmation;
    private long _charged;
    private bool _chargedExactly = true;
    private long _mark;
    private int _markThread;

    [ThreadStatic]
    private static MemoryBudget? _lastObserver;
    private string? _fault;
    private Constraint? _ropeGuard;

    public MemoryBudget(long limitBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limitBytes);
        _limit = limitBytes;
        _baseline = LiveHeapProbe.Baseline(Math.Max(limitBytes, MinBaselineTolerance));
        _nextConfirmation = limitBytes;
    }

    /// <summary>
    /// Starts the budget over for another run of the same engine (warm reuse): the baseline is the heap now, so what
    /// the engine already holds (its loaded packages) is not charged again, and own allocation counts from zero.
    /// </summary>
    public void Restart()
    {
        _baseline = LiveHeapProbe.Baseline(Math.Max(_limit, MinBaselineTolerance));
        _allocated = 0;
        _allocatedAtConfirmation = 0;
        _charged = 0;
        _chargedExactly = true;
        _nextConfirmation = _limit;
        _fault = null;
        _markThread = 0;
    }

    /// <summary>The budget, in bytes.</summary>
    public long LimitBytes => _limit;

    /// <summary>Bytes the run allocated itself so far, garbage included.</summary>
    public long AllocatedBytes
    {
        get
        {
            Observe();
            return _allocated;
        }
    }

    /// <summary>What the run was charged at its last confirmation against the live heap.</summary>
    public long ChargedBytes => _charged;

    /// <summary>Exact: allocation between two checks is unbounded, so checking less often would overshoot.</summary>
    public override bool IsAmortizable => false;

    /// <summary>
    /// Jint's own per-entry memory constraint, kept only for what it does at string concatenation: it refuses any
    /// deferred concatenation whose result alone exceeds the budget, before the string exists. Its allocation count
    /// resets per entry and includes garbage, so this budget rewinds it at every check and decides alone.
    /// </summary>
    public void AttachRopeGuard(Constraint? ropeGuard) => _ropeGuard = ropeGuard;

    public override void Check()
    {
        if (_fault is not null)
        {
            throw new MemoryLimitExceededException(_fault);
        }

        Observe();
        _ropeGuard?.Reset();
        if (_allocated >= _nextConfirmation)
        {
            Confirm(0, null);
        }
    }

    public override void Reset() => Observe();

    /// <summary>
    /// True when <paramref name="bytes"/> more would fit on what the run was last charged plus what it allocated since:
    /// a cheap test, never a fault, for guards deciding whether an exact (costlier) size is worth computing.
    /// </summary>
    public bool HasRoomFor(long bytes)
    {
        Observe();
        return _fault is null && _charged + (_allocated - _allocatedAtConfirmation) + bytes <= _limit;
    }

    /// <summary>
    /// Faults before a builtin allocates <paramref name="bytes"/> at once if the run could not hold them within its
    /// budget. Cheap while the run is far from its budget; confirms against the live heap when it is close.
    /// </summary>
    /// <param name="bytes">What the builtin is about to allocate.</param>
    /// <param name="operation">The builtin, as the user wrote it (<c>'x'.repeat</c>), for the message.</param>
    public void EnsureRoomFor(long bytes, string operation)
    {
        if (_fault is not null)
        {
            throw new MemoryLimitExceededException(_fault);
        }

        if (bytes > _limit)
        {
            Fail($"{operation} would allocate {Describe(bytes)} at once, more than the run's whole memory budget of {Describe(_limit)}.");
        }

        Observe();
        var sinceConfirmation = _allocated - _allocatedAtConfirmation;
        if (_charged + sinceConfirmation + bytes <= _limit)
        {
            return;
        }

        // Near the budget, small requests are judged on the last confirmation instead of collecting again for each
        // one: a loop of small allocations would otherwise force a full collection per iteration.
        if (sinceConfirmation + bytes < _limit / ConfirmationSteps)
        {
            if (_charged + bytes > _limit && !_chargedExactly)
            {
                // The last charge was the heap's upper bound, garbage included: only a measurement may fail the run.
                Confirm(bytes, operation);
            }
            else if (_charged + bytes > _limit)
            {
                Fail($"{operation} would allocate {Describe(bytes)} while the run already holds about {Describe(_charged)}, over its memory budget of {Describe(_limit)}.");
            }

            return;
        }

        Confirm(bytes, operation);
    }

    /// <summary>
    /// Adds what this thread allocated since this budget last looked, unless the thread ran something else in
    /// between (another run's turn, another engine): allocation is only charged across an unbroken stretch of this
    /// run on one thread.
    /// </summary>
    private void Observe()
    {
        var now = GC.GetAllocatedBytesForCurrentThread();
        var thread = Environment.CurrentManagedThreadId;
        if (_lastObserver == this && thread == _markThread)
        {
            _allocated += now - _mark;
        }

        _mark = now;
        _markThread = thread;
        _lastObserver = this;
    }

    private void Confirm(long request, string? operation)
    {
        // The heap's size without a collection counts every live object plus garbage not yet collected, so it bounds
        // the live growth from above: when even that fits, the run fits, and the blocking full collection (the
        // expensive part, and one that stalls every other run in the process) is skipped. A run that allocates and
        // drops is then confirmed by its gen0 collections alone.
        Observe();
        _chargedExactly = false;
        if (Charge(LiveHeapProbe.UpperBound()) + request > _limit)
        {
            var live = LiveHeapProbe.Measure();
            Observe();
            Charge(live);
            _chargedExactly = true;
        }

        _allocatedAtConfirmation = _allocated;
        if (_charged + request > _limit)
        {
            Fail(operation is null
                ? $"The run holds about {Describe(_charged)}, over its memory budget of {Describe(_limit)}."
                : $"{operation} would allocate {Describe(request)} while the run already holds about {Describe(_charged)}, over its memory budget of {Describe(_limit)}.");
        }

        _nextConfirmation = _allocated + Math.Max(_limit - _charged, _limit / 4);
    }

    private long Charge(long heapBytes) => _charged = Math.Min(_allocated, Math.Max(0, heapBytes - _baseline));

    private void Fail(string message)
    {
        _fault = message + " Keep less data alive at once, or ask for a larger memory limit.";
        throw new MemoryLimitExceededException(_fault);
    }

    private static string Describe(long bytes) => bytes >= Megabyte
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)Megabyte:0.#} MB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB");
}
