using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.RunState;
using Microsoft.Extensions.Caching.Memory;

namespace IsolatedRuntime.Sandbox.Modules.Compilation;

/// <summary>
/// Compiles (when the operator configured a compiler), checks and parses module sources, caching each step by its
/// exact input so that the same file is compiled and parsed once per process, whichever run or engine asks.
/// </summary>
/// <remarks>
/// Keys hold the whole source text and compare it in full, not a hash of it: two tenants' sources can never be
/// made to collide, so nobody can get their code run in place of someone else's.
/// </remarks>
internal sealed class ModuleCodeCache(IMemoryCache cache)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<PrepareKey, ParseJob<ModuleCode>> _pending = new();

    private const int _entryOverheadBytes = 128;

    /// <summary>
    /// The prepared code of the module <paramref name="name"/> (its root-relative name, which stack traces show).
    /// </summary>
    /// <param name="name">Root-relative file name, used as the script's source name.</param>
    /// <param name="text">The module's source as read.</param>
    /// <param name="holder">The cached file the text came from, which remembers the result; null for inline sources.</param>
    /// <param name="compiler">The operator's compiler, or null to parse the text as it is.</param>
    /// <param name="context">The run asking, whose budget a compiler runs under.</param>
    /// <exception cref="OperatorFailureException">The compiler failed.</exception>
    public ModuleCode GetScript(string name, string text, SourceText? holder, ISourceCompilerHook? compiler, RunContext context) =>
        Get(name, text, holder, compiler, context, isEsModule: false);

    /// <summary>
    /// The prepared code of the ES module <paramref name="name"/>: compiled like any module, then parsed as a module.
    /// Parameters as <see cref="GetScript"/>.
    /// </summary>
    /// <exception cref="OperatorFailureException">The compiler failed.</exception>
    public ModuleCode GetEsModule(string name, string text, SourceText? holder, ISourceCompilerHook? compiler, RunContext context) =>
        Get(name, text, holder, compiler, context, isEsModule: true);

    /// <summary>A module the sandbox wrote itself (never compiled), parsed once per distinct name and text.</summary>
    public ModuleCode GetSandboxEsModule(string name, string source) => Prepare(name, source, isEsModule: true);

    private ModuleCode Get(string name, string text, SourceText? holder, ISourceCompilerHook? compiler, RunContext context, bool isEsModule)
    {
        var compiled = compiler is not null;
        if (holder?.FindCode(name, compiled, isEsModule) is { } remembered)
        {
            return remembered;
        }

        var source = compiler is null ? text : Compile(name, text, compiler, context);
        var code = Prepare(name, source, isEsModule, context);
        holder?.RememberCode(name, compiled, code);
        return code;
    }

    private string Compile(string name, string text, ISourceCompilerHook compiler, RunContext context)
    {
        var key = new CompileKey(name, text);
        if (cache.TryGetValue(key, out string? compiled))
        {
            return compiled!;
        }

        compiled = compiler.Compile(text, name, context);
        cache.Set(key, compiled, Sized(((long)(text.Length + compiled.Length) * 2) + _entryOverheadBytes));
        return compiled;
    }

    private ModuleCode Prepare(string name, string source, bool isEsModule, RunContext? context = null)
    {
        var key = new PrepareKey(name, source, isEsModule);
        if (cache.TryGetValue(key, out ModuleCode? code))
        {
            return code!;
        }

        if (context is null || source.Length < ParserThreads.InlineCharacters)
        {
            return ParseAndCache(key);
        }

        // A large source parses on a parser thread; the run waits until its deadline, and a run that gives up
        // leaves the parse to finish and be cached for the next.
        while (true)
        {
            var job = new ParseJob<ModuleCode>(() => ParseAndCache(key, forget: true), () => _pending.TryRemove(key, out _));
            job.Enlist();
            if (_pending.TryAdd(key, job))
            {
                ParserThreads.Enqueue(job);
            }
            else if (_pending.TryGetValue(key, out var running))
            {
                job.Leave();
                job = running;
                job.Enlist();
            }
            else
            {
                job.Leave();
                continue;
            }

            if (ParserThreads.Wait(job, context.Deadline) is { } parsed)
            {
                return parsed;
            }

            _pending.TryRemove(new KeyValuePair<PrepareKey, ParseJob<ModuleCode>>(key, job));
        }
    }

    private ModuleCode ParseAndCache(PrepareKey key, bool forget = false)
    {
        try
        {
            // Charged what the parse allocated (the tree it keeps, plus garbage: never less than the entry holds) and
            // the source the key keeps. A fixed cost a character was wrong by a factor of four for some shapes of code.
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var code = key.IsEsModule ? ModuleParser.ParseEsModule(key.Name, key.Source) : ModuleParser.Parse(key.Name, key.Source);
            var parsedBytes = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            cache.Set(key, code, Sized(parsedBytes + ((long)key.Source.Length * sizeof(char)) + _entryOverheadBytes));
            return code;
        }
        finally
        {
            if (forget)
            {
                _pending.TryRemove(key, out _);
            }
        }
    }

    private static MemoryCacheEntryOptions Sized(long size) => new() { Size = size };

    private readonly record struct CompileKey(string Name, string Text);

    private readonly record struct PrepareKey(string Name, string Source, bool IsEsModule);
}
