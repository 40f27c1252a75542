using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;

namespace IsolatedRuntime.Sandbox.Tests.Execution;

/// <summary>How a run is admitted, canceled, measured and drained at shutdown.</summary>
public sealed class RunLifecycleTests
{
    [Fact]
    public async Task Run_after_shutdown_throws_a_clear_error_at_once()
    {
        var sandbox = new JsSandbox();
        await sandbox.DisposeAsync();

        var error = await Assert.ThrowsAsync<ObjectDisposedException>(() => sandbox.RunAsync(Runs.Inline("module.exports.f = () => 1;")));

        Assert.Contains("shut down", error.Message, StringComparison.Ordinal);
        Assert.Contains("Create a new JsSandbox", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shutdown_lets_runs_in_flight_finish()
    {
        var sandbox = new JsSandbox();
        var waiting = sandbox.RunAsync(Runs.Inline("module.exports.f = () => new Promise(r => setTimeout(() => r('finished'), 200));"));

        await sandbox.DisposeAsync();

        Assert.True(waiting.IsCompleted);
        Assert.Equal("finished", (await waiting).Result!.GetValue<string>());
    }

    [Theory]
    [InlineData("module.exports.f = () => { while (true) {} };")]
    [InlineData("module.exports.f = () => new Promise(r => setTimeout(r, 3000));")]
    public async Task Caller_cancellation_of_a_busy_or_waiting_run_is_Canceled(string source)
    {
        await using var sandbox = new JsSandbox();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var outcome = await sandbox.RunAsync(Runs.Inline(source), cancel.Token);

        Assert.Equal(RunErrorKind.Canceled, outcome.Error!.Kind);
        Assert.Contains("canceled by the caller", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Full_queue_answers_Overloaded_at_once()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 1, MaxQueue = 1 } });
        var busy = sandbox.RunAsync(Runs.Inline("module.exports.f = () => { while (true) {} };", timeout: TimeSpan.FromMilliseconds(500)));
        await WaitUntil(() => sandbox.GetStatistics().BusyThreads == 1);
        var queued = sandbox.RunAsync(Runs.Inline("module.exports.f = () => 'queued';"));

        var refused = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => 'refused';"));

        Assert.Equal(RunErrorKind.Overloaded, refused.Error!.Kind);
        Assert.Contains("queue is full", refused.Error.Message, StringComparison.Ordinal);
        Assert.Equal(RunErrorKind.Timeout, (await busy).Error!.Kind);
        Assert.Equal("queued", (await queued).Result!.GetValue<string>());
    }

    [Fact]
    public async Task Run_waiting_past_the_acquire_timeout_is_Overloaded()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 1, AcquireTimeout = TimeSpan.FromMilliseconds(100) } });
        var busy = sandbox.RunAsync(Runs.Inline("module.exports.f = () => { while (true) {} };", timeout: TimeSpan.FromMilliseconds(1000)));
        await WaitUntil(() => sandbox.GetStatistics().BusyThreads == 1);

        var starved = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => 'starved';"));

        Assert.Equal(RunErrorKind.Overloaded, starved.Error!.Kind);
        Assert.Contains("acquire timeout", starved.Error.Message, StringComparison.Ordinal);
        await busy;
    }

    [Fact]
    public async Task Already_canceled_run_never_starts()
    {
        await using var sandbox = new JsSandbox();

        var outcome = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => 1;"), new CancellationToken(canceled: true));

        Assert.Equal(RunErrorKind.Canceled, outcome.Error!.Kind);
        Assert.Equal(TimeSpan.Zero, outcome.Duration);
    }

    [Fact]
    public async Task Per_run_timeout_is_capped_by_the_sandbox_maximum()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Timeout = TimeSpan.FromMilliseconds(100), MaxTimeout = TimeSpan.FromMilliseconds(200) });

        var outcome = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => { while (true) {} };", timeout: TimeSpan.FromHours(1)));

        Assert.Equal(RunErrorKind.Timeout, outcome.Error!.Kind);
        Assert.Contains("200 ms budget", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duration_counts_the_time_spent_in_user_code()
    {
        await using var sandbox = new JsSandbox();

        var outcome = await sandbox.RunAsync(Runs.Inline("module.exports.f = () => new Promise(r => setTimeout(r, 150));"));

        Assert.InRange(outcome.Duration, TimeSpan.FromMilliseconds(140), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Statistics_count_runs_waiting_on_timers()
    {
        await using var sandbox = new JsSandbox();
        var waiting = sandbox.RunAsync(Runs.Inline("module.exports.f = () => new Promise(r => setTimeout(r, 1500));"));

        // Polled rather than slept: on a loaded machine the first run's start (JIT included) has no fixed time.
        var seen = 0;
        for (var polls = 0; polls < 1000 && seen == 0 && !waiting.IsCompleted; polls++)
        {
            seen = sandbox.GetStatistics().ActiveRuns;
            await Task.Delay(5);
        }

        Assert.Equal(1, seen);
        await waiting;
        Assert.Equal(0, sandbox.GetStatistics().ActiveRuns);
    }

    public static TheoryData<string, RunOptions, string> InvalidRequests => new()
    {
        { "no file", new RunOptions { Sources = Files, FuncName = "f" }, "'file'" },
        { "no funcName", new RunOptions { Sources = Files, File = "index.js" }, "'funcName'" },
        { "args not an array", new RunOptions { Sources = Files, File = "index.js", FuncName = "f", Args = JsonNode.Parse("{\"a\":1}") }, "'args' must be a JSON array" },
        { "args a number", new RunOptions { Sources = Files, File = "index.js", FuncName = "f", Args = JsonNode.Parse("5") }, "'args' must be a JSON array" },
        { "context an array", new RunOptions { Sources = Files, File = "index.js", FuncName = "f", Context = JsonNode.Parse("[1]") }, "'context' must be a JSON object" },
        { "neither root nor sources", new RunOptions { File = "index.js", FuncName = "f" }, "neither 'root'" },
        { "missing root folder", new RunOptions { Root = "/nonexistent/ir-root", File = "index.js", FuncName = "f" }, "root" },
        { "negative timeout", new RunOptions { Sources = Files, File = "index.js", FuncName = "f", Timeout = TimeSpan.FromSeconds(-1) }, "'timeout' must be positive" },
        { "args nested too deep", new RunOptions { Sources = Files, File = "index.js", FuncName = "f", Args = new JsonArray(Nested(300)) }, "nests deeper than 256 levels" },
        { "zero memory", new RunOptions { Sources = Files, File = "index.js", FuncName = "f", MemoryLimitBytes = 0 }, "'memoryLimitBytes' must be positive" },
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = new JsonArray();
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }

    private static Dictionary<string, string> Files => new() { ["index.js"] = "module.exports.f = () => 1;" };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Malformed_request_is_InvalidRequest(string name, RunOptions run, string messagePart)
    {
        await using var sandbox = new JsSandbox();

        var outcome = await sandbox.RunAsync(run);

        Assert.True(outcome.Error?.Kind == RunErrorKind.InvalidRequest, name);
        Assert.Contains(messagePart, outcome.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/nonexistent", outcome.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Timeout")]
    [InlineData("MaxTimeout")]
    [InlineData("MemoryLimitBytes")]
    [InlineData("MaxResultBytes")]
    [InlineData("MaxRecursionDepth")]
    public void Unworkable_setting_is_refused_naming_it(string setting)
    {
        var options = new SandboxOptions();
        switch (setting)
        {
            case "Timeout": options.Timeout = TimeSpan.Zero; break;
            case "MaxTimeout": options.MaxTimeout = TimeSpan.FromMilliseconds(1); break;
            case "MemoryLimitBytes": options.MemoryLimitBytes = -1; break;
            case "MaxResultBytes": options.MaxResultBytes = 0; break;
            default: options.MaxRecursionDepth = 0; break;
        }

        var error = Assert.Throws<ArgumentException>(() => new JsSandbox(options));

        Assert.Contains("SandboxOptions." + setting, error.Message, StringComparison.Ordinal);
        Assert.Contains("for example", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }
}
