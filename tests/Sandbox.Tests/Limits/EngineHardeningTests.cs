using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>What every sandboxed engine is built with: stack guard, recursion limit, regex timeout, no blocking, no CLR.</summary>
public sealed class EngineHardeningTests
{
    [Fact]
    public void Unbounded_recursion_hits_the_recursion_limit_before_the_stack_guard()
    {
        var (_, error) = HardenedEngine.Evaluate("function f(n) { return f(n + 1) + 1 } f(0)");

        Assert.IsType<RecursionDepthOverflowException>(error);
    }

    [Fact]
    public void Recursion_within_the_limit_runs()
    {
        var depth = new SandboxOptions().MaxRecursionDepth - 10;
        var (result, error) = HardenedEngine.Evaluate($"function f(n) {{ return n === 0 ? 0 : 1 + f(n - 1) }} f({depth})");

        HardenedEngine.Rethrow(error);
        Assert.Equal(depth.ToString(System.Globalization.CultureInfo.InvariantCulture), result);
    }

    public static TheoryData<string, string> DeepBuiltinRecursion => new()
    {
        { "JSON.stringify 200,000 deep", "var o = {}; for (var i = 0; i < 200000; i++) o = { a: o }; JSON.stringify(o).length" },
        { "String() of nested arrays", "var a = []; for (var i = 0; i < 200000; i++) a = [a]; String(a).length" },
        { "a getter that recurses", "var o = { get x() { return this.x } }; o.x" },
        { "a toString that recurses", "var o = { toString() { return '' + o } }; '' + o" },
        { "recursion through new", "function F() { new F() } new F()" },
        { "mutual recursion through many functions", "var fs = []; for (let i = 0; i < 500; i++) fs.push(n => fs[(i + 1) % 500](n + 1)); fs[0](0)" },
    };

    [Theory]
    [MemberData(nameof(DeepBuiltinRecursion))]
    public void Deep_recursion_anywhere_is_a_catchable_error_or_the_recursion_limit_never_a_crash(string name, string script)
    {
        var (result, error) = HardenedEngine.Evaluate($"try {{ {script} }} catch (e) {{ 'caught ' + e.name }}");

        Assert.True(
            result == "caught RangeError" || error is RecursionDepthOverflowException,
            $"{name}: {result ?? error?.GetType().Name}");
    }

    [Fact]
    public void Catastrophic_backtracking_times_out_within_the_run_budget()
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var (_, error) = HardenedEngine.Evaluate(
            "try { /(a+)+$/.test('a'.repeat(30) + '!') } catch (e) { 'caught' }",
            HardenedEngine.Limits(timeoutMs: 1_000));

        Assert.NotNull(error);
        Assert.True(error is System.Text.RegularExpressions.RegexMatchTimeoutException or OperationCanceledException or ExecutionCanceledException, error.GetType().Name);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(8), $"took {started.Elapsed}");
    }

    [Fact]
    public void Atomics_wait_throws_instead_of_blocking()
    {
        var (result, error) = HardenedEngine.Evaluate(
            "try { Atomics.wait(new Int32Array(new SharedArrayBuffer(16)), 0, 0); 'waited' } catch (e) { 'caught ' + e.name }");

        HardenedEngine.Rethrow(error);
        Assert.Equal("caught TypeError", result);
    }

    [Theory]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof clrHelper")]
    public void No_CLR_is_reachable(string script)
    {
        var (result, error) = HardenedEngine.Evaluate(script);

        HardenedEngine.Rethrow(error);
        Assert.Equal("undefined", result);
    }

    [Fact]
    public void Eval_and_Function_compile_inside_the_sandbox()
    {
        var (result, error) = HardenedEngine.Evaluate("eval('1 + 1') + new Function('a', 'return a * 2')(2)");

        HardenedEngine.Rethrow(error);
        Assert.Equal("6", result);
    }

    [Fact]
    public void Json_parse_accepts_documents_nested_far_deeper_than_jints_default()
    {
        var (result, error) = HardenedEngine.Evaluate("JSON.parse('['.repeat(500) + ']'.repeat(500)).length");

        HardenedEngine.Rethrow(error);
        Assert.Equal("1", result);
    }
}
