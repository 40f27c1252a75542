using System.Text.Json.Nodes;
using Acornima.Ast;
using BenchmarkDotNet.Attributes;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace IsolatedRuntime.Sandbox.Benchmarks;

/// <summary>
/// What each layer a sandboxed run needs costs on bare Jint, one thread, stacked stage by stage: a fresh engine, then
/// hardening options, then a CommonJS module wrapper around the shared prepared script, then JSON arguments in and a
/// JSON result out. Set beside <see cref="SandboxThroughputBenchmarks"/> it shows how much of a run is engine work
/// and how much is the sandbox's own (validation, pool hand-off, bookkeeping).
/// </summary>
[MemoryDiagnoser]
public class RunCostBreakdownBenchmarks
{
    internal const string Module = "module.exports.add = function (a, b) { return a + b; };";

    private static readonly JsonArray _args = new(2, 3);

    private Prepared<Script> _plainScript;
    private Prepared<Script> _moduleWrapper;
    private string _argsJson = "";

    [GlobalSetup]
    public void Setup()
    {
        _plainScript = Engine.PrepareScript(Fixtures.BenchmarkCodeRoot.TrivialScript);
        _moduleWrapper = Engine.PrepareScript($"(function (module, exports) {{ {Module}\n}})");
        _argsJson = _args.ToJsonString();
    }

    [Benchmark(Baseline = true, Description = "1. new Engine() + prepared script + call")]
    public double Bare()
    {
        var engine = new Engine();
        engine.Execute(_plainScript);
        return engine.Invoke("add", 2, 3).AsNumber();
    }

    [Benchmark(Description = "2. + hardening options (limits, token, stack guard)")]
    public double Hardened()
    {
        var engine = HardenedEngine();
        engine.Execute(_plainScript);
        return engine.Invoke("add", 2, 3).AsNumber();
    }

    [Benchmark(Description = "3. + CommonJS wrapper (module, exports, property lookup)")]
    public double CommonJs()
    {
        var engine = HardenedEngine();
        var add = LoadExport(engine);
        return engine.Invoke(add, 2, 3).AsNumber();
    }

    [Benchmark(Description = "4. + JSON args in, JSON result out")]
    public string? JsonInOut()
    {
        var engine = HardenedEngine();
        var add = LoadExport(engine);
        var args = new JsonParser(engine).Parse(_argsJson).AsArray();
        var result = engine.Invoke(add, JsValue.Undefined, [.. args]);
        return new JsonSerializer(engine).Serialize(result).ToString();
    }

    private static Engine HardenedEngine() => new(options =>
    {
        options.LimitRecursion(2_000);
        options.LimitMemory(64L * 1024 * 1024);
        options.CancellationToken(CancellationToken.None);
        options.Constraints.StackOverflowGuard = true;
        options.AgentCanSuspend = false;
        options.Strict(false);
    });

    private JsValue LoadExport(Engine engine)
    {
        var module = new JsObject(engine);
        var exports = new JsObject(engine);
        module.Set("exports", exports);
        var wrapper = engine.Evaluate(_moduleWrapper);
        engine.Invoke(wrapper, JsValue.Undefined, [module, exports]);
        return module.Get("exports").Get("add");
    }
}
