namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Worker settings of the drills that count every run of a steady load: 8 messages at once per worker, and a short
/// longest run, which keeps the lease of a claim whose worker died (MaxTimeout + watchdog grace + ClaimMargin) short.
/// </summary>
internal static class LoadDrillSettings
{
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
