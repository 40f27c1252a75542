using static IsolatedRuntime.Sandbox.Tests.Pool.PoolTesting;

namespace IsolatedRuntime.Sandbox.Tests.Pool;

public sealed class PoolOptionsValidationTests
{
    private static readonly Dictionary<string, Action<PoolOptions>> _badOptions = new()
    {
        ["no threads"] = o => o.MaxThreads = 0,
        ["a million threads"] = o => o.MaxThreads = 1_000_000,
        ["negative minimum"] = o => o.MinThreads = -1,
        ["minimum above maximum"] = o => (o.MinThreads, o.MaxThreads) = (5, 2),
        ["negative queue"] = o => o.MaxQueue = -1,
        ["tiny stack"] = o => o.ThreadStackSizeBytes = 4096,
        ["zero acquire timeout"] = o => o.AcquireTimeout = TimeSpan.Zero,
        ["acquire timeout of a year"] = o => o.AcquireTimeout = TimeSpan.FromDays(365),
        ["negative idle timeout"] = o => o.IdleTimeout = TimeSpan.FromSeconds(-3),
        ["negative grace"] = o => o.WatchdogGrace = TimeSpan.FromSeconds(-1),
    };

    public static TheoryData<string, string> Cases => new()
    {
        { "no threads", "MaxThreads" },
        { "a million threads", "MaxThreads" },
        { "negative minimum", "MinThreads" },
        { "minimum above maximum", "MinThreads" },
        { "negative queue", "MaxQueue" },
        { "tiny stack", "ThreadStackSizeBytes" },
        { "zero acquire timeout", "AcquireTimeout" },
        { "acquire timeout of a year", "AcquireTimeout" },
        { "negative idle timeout", "IdleTimeout" },
        { "negative grace", "WatchdogGrace" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_setting_out_of_range_is_refused_with_a_message_naming_it_and_a_good_value(string setting, string named)
    {
        var error = Assert.Throws<ArgumentException>(() => NewPool(_badOptions[setting]));

        Assert.Contains($"Pool {named} is", error.Message, StringComparison.Ordinal);
        Assert.Contains("for example", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edge_values_that_make_sense_are_accepted()
    {
        await using var pool = NewPool(o =>
        {
            (o.MinThreads, o.MaxThreads, o.MaxQueue) = (0, 1, 0);
            (o.AcquireTimeout, o.IdleTimeout, o.WatchdogGrace) =
                (Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan, TimeSpan.Zero);
        });

        var work = new FakeWork();
        pool.Admit(work);
        await work.Finished.Soon();
    }
}
