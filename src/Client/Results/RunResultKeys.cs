namespace IsolatedRuntime.Client;

/// <summary>The result store's key layout, shared by workers (writers) and clients (readers).</summary>
internal static class RunResultKeys
{
    /// <summary>The stored outcome of one correlation id.</summary>
    public static string Result(string prefix, Guid correlationId) => $"{prefix}result:{correlationId:N}";

    /// <summary>The in-flight claim on one correlation id.</summary>
    public static string Claim(string prefix, Guid correlationId) => $"{prefix}claim:{correlationId:N}";
}
