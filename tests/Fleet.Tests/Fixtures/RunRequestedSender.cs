using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Routing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// Sends <see cref="RunRequested"/> messages as written, through a client host's MassTransit bus, and waits for the
/// answer: for the wire fields the typed client does not set (expiresAt, maxQueueAgeMs). Routed by tenant as the
/// client routes (<see cref="TenantRoutes"/>), or, with <c>byTenant: false</c>, to the work queue's exchange as clients
/// before tenant queues did.
/// </summary>
public sealed class RunRequestedSender(IServiceProvider clientServices, string queue, bool byTenant = true)
{
    private readonly IRequestClient<RunRequested> _requests = clientServices.GetRequiredService<IIsolatedRuntimeBus>()
        .CreateRequestClient<RunRequested>(byTenant ? TenantRoutes.SendAddress(queue) : new Uri($"exchange:{queue}"), RequestTimeout.After(s: 120));

    /// <summary>A request for math/index.js <c>add(2, 3)</c>, with a new correlation id.</summary>
    public static RunRequested Add(int a = 2, int b = 3) => new()
    {
        CorrelationId = Guid.NewGuid(),
        Root = "math",
        File = "index.js",
        FuncName = "add",
        Args = System.Text.Json.JsonSerializer.SerializeToElement(new[] { a, b }),
    };

    public async Task<RunReply> RunAsync(RunRequested message, CancellationToken cancellationToken = default)
    {
        var response = await _requests.GetResponse<RunCompleted, RunFaulted>(message, request => request.UseExecute(context =>
        {
            if (context.TryGetPayload(out RabbitMqSendContext? rabbit))
            {
                rabbit.Mandatory = true;
                rabbit.RoutingKey = TenantRoutes.RoutingKey(message.Tenant);
            }
        }), cancellationToken);
        return response.Is(out Response<RunCompleted>? completed) ? RunReply.Of(completed.Message)
            : response.Is(out Response<RunFaulted>? faulted) ? RunReply.Of(faulted.Message)
            : throw new InvalidOperationException("Answered with an unknown message.");
    }
}
