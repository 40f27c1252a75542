using System.Text.Json;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol.Connections;
using MassTransit;

namespace IsolatedRuntime.Fleet.Baseline;

/// <summary>
/// The worker's receive side with nothing behind it: the same queue settings as a worker with 2 sandbox threads
/// (8 messages at once, prefetch 8), the same queue type when asked (quorum, or MassTransit's default classic) and the
/// same response (not awaited for the broker's confirm).
/// </summary>
internal static class BaselineServer
{
    public static async Task<int> RunAsync(string broker, string queue, bool quorum)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            RabbitMqConnection.Parse(broker).Apply(rabbit);
            rabbit.ReceiveEndpoint(queue, endpoint =>
            {
                if (quorum)
                {
                    endpoint.SetQuorumQueue();
                }

                endpoint.PrefetchCount = 8;
                endpoint.ConcurrentMessageLimit = 8;
                endpoint.Consumer<FixedAnswerConsumer>();
            });
        });
        await bus.StartAsync();
        Console.WriteLine($"serving {queue}; Ctrl-C stops");
        var stop = new TaskCompletionSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
        await stop.Task;
        await bus.StopAsync();
        return 0;
    }

    private sealed class FixedAnswerConsumer : IConsumer<RunRequested>
    {
        private static readonly JsonElement _five = JsonDocument.Parse("5").RootElement;

        public Task Consume(ConsumeContext<RunRequested> context) => context.RespondAsync(
            new RunCompleted { CorrelationId = context.Message.CorrelationId, Result = _five, WorkerId = "baseline" },
            static send => send.TrySetAwaitAck(false));
    }
}
