namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Worker settings of the drills that count every run of a steady load: 8 messages at once per worker, and a short
/// longest run, which keeps the lease of a claim whose worker died (MaxTimeout + watchdog grace + ClaimMargin) short.
/// </summary>
internal static class LoadDrillSettings
{
    /// <summary>
    /// A 10 s budget, for drills in which no worker dies (so no claim waits for its lease to run out): on a machine
    /// loaded far beyond its cores a 5 ms run was seen to take 2.9 s of wall time, past the short budget.
    /// </summary>
    public static readonly (string Key, string Value)[] PatientBudget =
    [
        ("IsolatedRuntime__Sandbox__Timeout", "00:00:10"),
        ("IsolatedRuntime__Sandbox__MaxTimeout", "00:00:10"),
    ];

    /// <summary>The settings, in environment form, with <paramref name="more"/> added or overriding.</summary>
    public static Dictionary<string, string> With(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string>
        {
            ["IsolatedRuntime__ConcurrentMessageLimit"] = "8",
            ["IsolatedRuntime__Sandbox__Timeout"] = "00:00:02",
            ["IsolatedRuntime__Sandbox__MaxTimeout"] = "00:00:02",
            ["IsolatedRuntime__ResultStore__ClaimMargin"] = "00:00:01",
        };
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }
}
