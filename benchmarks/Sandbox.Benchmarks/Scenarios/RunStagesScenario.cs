using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using IsolatedRuntime.Sandbox.Benchmarks.Fixtures;
using IsolatedRuntime.Sandbox.EventLoop;
using IsolatedRuntime.Sandbox.Execution;
using IsolatedRuntime.Sandbox.Globals;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Modules;
using IsolatedRuntime.Sandbox.Serialization;
using Jint;
using Jint.Native;
using Jint.Runtime.Descriptors;

namespace IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

/// <summary>
/// What the engine side of one trivial run costs, stage by stage, on one thread and without the pool: the same steps
/// <see cref="ScriptRun"/> takes, timed and weighed (bytes allocated) one by one. Bytes are exact whatever the load;
/// times are the thread's wall clock, so read them on a quiet machine.
/// </summary>
internal static class RunStagesScenario
{
    internal const int Runs = 40_000;

    private static readonly string[] _stages =
    [
        "request, context, console log", "new Engine(EngineLimits.Apply)", "EngineLimits.Install (allocation guards)",
        "Object/Function prototypes captured", "event loop: promise intrinsics, timer globals", "global, console (lazy)",
        "Node globals (lazy)", "arguments from JSON", "ModuleLoader.LoadEntry", "find the export, call it",
        "result to JSON",
    ];

    public static void Run(TextWriter output)
    {
        using var root = new BenchmarkCodeRoot();
        var options = new SandboxOptions();
        var loader = new ModuleLoader(options, null, null);
        var limits = RunRequestValidator.LimitsFor(options, Fixtures.Runs.Add(root.Path));
        var ticks = new long[_stages.Length];
        var bytes = new long[_stages.Length];
        for (var i = 0; i < 3 * Runs; i++)
        {
            RunOnce(root.Path, options, loader, limits, ticks, bytes);
        }

        Array.Clear(ticks);
        Array.Clear(bytes);
        for (var i = 0; i < Runs; i++)
        {
            RunOnce(root.Path, options, loader, limits, ticks, bytes);
        }

        output.WriteLine($"Engine side of one run, stage by stage ({Runs:N0} runs on one thread, no pool):");
        for (var stage = 0; stage < _stages.Length; stage++)
        {
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {_stages[stage],-48} {ticks[stage] * 1e6 / Stopwatch.Frequency / Runs,7:F2} us {bytes[stage] / Runs,7:N0} B"));
        }

        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {"total",-48} {ticks.Sum() * 1e6 / Stopwatch.Frequency / Runs,7:F2} us {bytes.Sum() / Runs,7:N0} B"));
    }

    private static void RunOnce(string root, SandboxOptions options, ModuleLoader loader, RunLimits limits, long[] ticks, long[] bytes)
    {
        var stage = 0;
        void Step(Action action)
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            action();
            ticks[stage] += Stopwatch.GetTimestamp() - started;
            bytes[stage++] += GC.GetAllocatedBytesForCurrentThread() - allocated;
        }

        RunContext context = null!;
        ConsoleLog log = null!;
        Engine engine = null!;
        JsValue[] arguments = [];
        JsValue exports = JsValue.Undefined;
        JsValue result = JsValue.Undefined;
        Step(() =>
        {
            log = new ConsoleLog(options.MaxLogBytes);
            context = new RunContext { Run = Fixtures.Runs.Add(root), Limits = limits, Clock = new RunClock(limits.Timeout, default) };
        });
        Step(() => engine = new Engine(o => EngineLimits.Apply(o, limits, default).Constraint(context.Clock!.Constraint)));
        Step(() => EngineLimits.Install(engine));
        Step(() =>
        {
            engine.Intrinsics.Object.Get("prototype");
            engine.Intrinsics.Function.Get("prototype");
        });
        Step(() => new RunEventLoop(engine).InstallGlobals());
        Step(() =>
        {
            engine.Advanced.AddLazyGlobal("global", static e => e.Global, PropertyFlag.Writable | PropertyFlag.Configurable);
            ConsoleGlobal.Install(engine, log);
        });
        Step(() => NodeGlobals.Install(engine, options));
        Step(() => arguments = [.. ((JsonArray)context.Run.Args!).Select(node => JsonToJs.Convert(engine, node))]);
        Step(() => exports = loader.LoadEntry(engine, context));
        Step(() => result = engine.Call(exports.Get("add"), exports, arguments));
        Step(() => JsToJson.Convert(result, options.MaxResultBytes));
    }
}
