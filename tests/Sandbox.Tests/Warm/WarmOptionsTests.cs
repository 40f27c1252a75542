using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Warm;

/// <summary>The operator's side of warm reuse: per-root opt-in, the switch, and settings that cannot work.</summary>
public sealed class WarmOptionsTests
{
    private const string _counter = "let calls = 0; module.exports.f = () => ++calls;";

    [Fact]
    public async Task Runs_of_a_listed_root_are_warm_unless_they_ask_for_a_fresh_engine()
    {
        using var root = new TestCodeRoot().With("index.js", _counter);
        await using var sandbox = new JsSandbox(new SandboxOptions { Warm = { Roots = [root.Path + "/"] } });

        var first = await sandbox.RunAsync(root.Run("index.js", "f"));
        var second = await sandbox.RunAsync(root.Run("index.js", "f"));
        var fresh = await sandbox.RunAsync(new RunOptions { Root = root.Path, File = "index.js", FuncName = "f", Warm = false });

        Assert.Equal(1, first.Result!.GetValue<int>());
        Assert.Equal(2, second.Result!.GetValue<int>());
        Assert.Equal(1, fresh.Result!.GetValue<int>());
    }

    [Fact]
    public async Task Switching_warm_reuse_off_makes_every_run_cold()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Warm = { Enabled = false } });

        await sandbox.RunAsync(WarmRuns.Of(_counter));
        var second = await sandbox.RunAsync(WarmRuns.Of(_counter));

        Assert.Equal(1, second.Result!.GetValue<int>());
    }

    [Fact]
    public async Task No_idle_engines_kept_means_every_run_is_cold()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Warm = { MaxEngines = 0 } });

        await sandbox.RunAsync(WarmRuns.Of(_counter));
        var second = await sandbox.RunAsync(WarmRuns.Of(_counter));

        Assert.Equal(1, second.Result!.GetValue<int>());
    }

    [Fact]
    public async Task Beyond_the_engine_cap_the_least_recently_used_engine_is_dropped()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Warm = { MaxEngines = 1 } });
        var other = _counter + "\n// another module";

        await sandbox.RunAsync(WarmRuns.Of(_counter));
        await sandbox.RunAsync(WarmRuns.Of(other));
        var first = await sandbox.RunAsync(WarmRuns.Of(_counter));
        var second = await sandbox.RunAsync(WarmRuns.Of(_counter));

        Assert.Equal(1, first.Result!.GetValue<int>());
        Assert.Equal(2, second.Result!.GetValue<int>());
        Assert.Equal(1, sandbox.GetStatistics().IdleWarmEngines);
    }

    [Fact]
    public async Task An_engine_idle_past_its_timeout_is_dropped()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { Warm = { IdleTimeout = TimeSpan.FromMilliseconds(100) } });

        await sandbox.RunAsync(WarmRuns.Of(_counter));
        await Task.Delay(TimeSpan.FromSeconds(1));
        var idleAfterTimeout = sandbox.GetStatistics().IdleWarmEngines;
        var later = await sandbox.RunAsync(WarmRuns.Of(_counter));

        Assert.Equal(0, idleAfterTimeout);
        Assert.Equal(1, later.Result!.GetValue<int>());
    }

    public static TheoryData<Action<WarmOptions>, string> BadSettings => new()
    {
        { w => w.MaxEngines = -1, "MaxEngines" },
        { w => w.IdleTimeout = TimeSpan.Zero, "IdleTimeout" },
        { w => w.Roots = [""], "Roots" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_warm_setting_that_cannot_work_is_refused_with_its_name(Action<WarmOptions> spoil, string setting)
    {
        var options = new SandboxOptions();
        spoil(options.Warm);

        var error = Assert.Throws<ArgumentException>(() => new JsSandbox(options));

        Assert.Contains("SandboxOptions.Warm." + setting, error.Message, StringComparison.Ordinal);
    }
}
