namespace IsolatedRuntime.Protocol.Results;

/// <summary>
/// The result store's key layout, shared by workers (writers) and clients (readers). The correlation id is the key's
/// Redis Cluster hash tag (<c>{…}</c>), so the outcome and the claim of one id share a hash slot: the store's Lua
/// scripts touch both at once, which Redis Cluster allows only within one slot.
/// </summary>
public static class RunResultKeys
{
    /// <summary>The stored outcome of one correlation id: <c>{prefix}result:{id}</c>, braces included.</summary>
    public static string Result(string prefix, Guid correlationId) => $"{prefix}result:{{{correlationId:N}}}";

    /// <summary>The in-flight claim on one correlation id: <c>{prefix}claim:{id}</c>, braces included.</summary>
    public static string Claim(string prefix, Guid correlationId) => $"{prefix}claim:{{{correlationId:N}}}";

    /// <summary>
    /// Why <paramref name="prefix"/> cannot be a key prefix, or null: a brace in it would become the hash tag of every
    /// key, putting the whole store in one hash slot of one Redis Cluster node.
    /// </summary>
    public static string? PrefixProblem(string? prefix) =>
        prefix is not null && prefix.AsSpan().IndexOfAny('{', '}') >= 0
            ? $"contains a brace ('{prefix}'): Redis Cluster would read it as the hash tag of every key, putting the whole store on one node"
            : null;
}
