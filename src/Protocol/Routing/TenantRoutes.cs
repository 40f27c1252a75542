namespace IsolatedRuntime.Protocol.Routing;

/// <summary>
/// How a request reaches the workers by its tenant, for producers and workers alike. Producers send to the direct
/// exchange <see cref="Exchange"/> with the request's tenant as the routing key. Each tenant the workers' operator
/// lists (<c>IsolatedRuntime__Tenants__Limits__{tenant}__…</c>) has a queue of its own bound to that exchange with its
/// name; every other request (unlisted tenant, no tenant) finds no binding and goes to the exchange's alternate
/// exchange, the work queue's own exchange, and so to the shared work queue. So a listed tenant's flood never waits in
/// front of another tenant's requests.
/// </summary>
public static class TenantRoutes
{
    /// <summary>Longest routing key taken from a tenant name: the workers' longest tenant name. A longer name is no
    /// tenant the workers accept; it is sent with the empty key, to the shared queue, which answers it InvalidRequest.</summary>
    public const int MaxTenantLength = 64;

    /// <summary>The direct exchange requests are sent to, with the tenant as routing key: <c>{queue}.tenants</c>.</summary>
    public static string Exchange(string queue) => $"{queue}.tenants";

    /// <summary>The alternate exchange argument that sends every request no tenant queue takes to the work queue.</summary>
    public const string AlternateExchangeArgument = "alternate-exchange";

    /// <summary>
    /// The MassTransit send address of <see cref="Exchange"/>: declared on first send exactly as the workers declare it
    /// (durable, direct, alternate exchange <paramref name="queue"/>), since a declare with other arguments is refused.
    /// A queue name needs no escaping here: MassTransit allows only letters, digits, <c>- _ . :</c> in one.
    /// </summary>
    public static Uri SendAddress(string queue) =>
        new($"exchange:{Exchange(queue)}?type=direct&alternateexchange={queue}");

    /// <summary>The routing key of a request of <paramref name="tenant"/>: the name itself, or empty for none.</summary>
    public static string RoutingKey(string? tenant) => tenant is { Length: > 0 and <= MaxTenantLength } ? tenant : "";

    /// <summary>
    /// The queue of a listed tenant: <c>{queue}.tenant.{tenant}</c>, with <c>@</c> (allowed in a tenant name, not in a
    /// queue name) written <c>_at_</c>.
    /// </summary>
    public static string Queue(string queue, string tenant) => $"{queue}.tenant.{tenant.Replace("@", "_at_", StringComparison.Ordinal)}";
}
