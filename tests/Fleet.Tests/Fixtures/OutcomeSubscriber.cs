using System.Collections.Concurrent;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol;
using IsolatedRuntime.Protocol.Connections;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Another service that subscribes to the fleet's outcome events on a queue of its own.</summary>
public sealed class OutcomeSubscriber : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource<RunReply>> _awaited = new();
    private readonly IHost _host;

    private OutcomeSubscriber(IHost host) => _host = host;

    public static Task<OutcomeSubscriber> StartAsync(FleetServices services) => StartAsync(services.RabbitMq);

    public static async Task<OutcomeSubscriber> StartAsync(string rabbitMq)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var broker = RabbitMqConnection.Parse(rabbitMq);
        var queue = $"subscriber-{Guid.NewGuid():N}";
        builder.Services.AddMassTransit(bus =>
        {
            bus.AddConsumer<Recorder>().Endpoint(endpoint => endpoint.Name = queue);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                broker.Apply(rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        var host = builder.Build();
        await host.StartAsync();
        return new OutcomeSubscriber(host);
    }

    /// <summary>The outcome event of <paramref name="correlationId"/>, once it arrives.</summary>
    public static Task<RunReply> OutcomeOf(Guid correlationId) =>
        _awaited.GetOrAdd(correlationId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private sealed class Recorder : IConsumer<RunCompleted>, IConsumer<RunFaulted>
    {
        public Task Consume(ConsumeContext<RunCompleted> context) => Record(RunReply.Of(context.Message));

        public Task Consume(ConsumeContext<RunFaulted> context) => Record(RunReply.Of(context.Message));

        private static Task Record(RunReply reply)
        {
            _awaited.GetOrAdd(reply.CorrelationId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(reply);
            return Task.CompletedTask;
        }
    }
}
