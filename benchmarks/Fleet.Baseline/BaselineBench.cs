using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IsolatedRuntime.Cli.Bench;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Protocol.Connections;
using MassTransit;

namespace IsolatedRuntime.Fleet.Baseline;

/// <summary>
/// The client's side: MassTransit's request client sending the CLI bench's request (hello/index.js add(2, 3)) with a
/// fixed number in flight, the way the fleet's client sends it (to the exchange of the queue's name, which never
/// declares the queue, and mandatory); prints the bench's JSON keys as its last line.
/// </summary>
internal static class BaselineBench
{
    private static readonly JsonElement _args = JsonDocument.Parse("[2,3]").RootElement;

    public static async Task<int> RunAsync(string broker, int count, int concurrency, int warmup, string queue)
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => RabbitMqConnection.Parse(broker).Apply(rabbit));
        await bus.StartAsync();
        try
        {
            // As the fleet's client does: a response endpoint connected and awaited before the first request. The
            // bus's own response queue starts on the first request and blocks its thread meanwhile, which stalls a
            // burst sent from thread-pool threads for seconds (docs/benchmarks.md, start-up burst).
            var responses = bus.ConnectResponseEndpoint();
            await responses.Ready;
            var client = responses.CreateClientFactory().CreateRequestClient<RunRequested>(new Uri($"exchange:{queue}"), RequestTimeout.After(s: 30));
            await SendAsync(client, warmup, concurrency);
            var clock = Stopwatch.StartNew();
            var latencies = await SendAsync(client, count, concurrency);
            var seconds = clock.Elapsed.TotalSeconds;
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{{\"count\":{count},\"seconds\":{seconds:0.###},\"runsPerSecond\":{count / seconds:0.#},\"p50Ms\":{Percentile.Of(latencies, 50):0.###},\"p95Ms\":{Percentile.Of(latencies, 95):0.###},\"p99Ms\":{Percentile.Of(latencies, 99):0.###}}}"));
            return 0;
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    private static async Task<double[]> SendAsync(IRequestClient<RunRequested> client, int count, int concurrency)
    {
        var latencies = new double[count];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(concurrency, count)).Select(_ => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index < count; index = Interlocked.Increment(ref next))
            {
                var sentAt = Stopwatch.GetTimestamp();
                await client.GetResponse<RunCompleted>(new RunRequested
                {
                    CorrelationId = Guid.NewGuid(),
                    Root = "hello",
                    File = "index.js",
                    FuncName = "add",
                    Args = _args,
                }, static request => request.UseExecute(static send =>
                {
                    if (send.TryGetPayload(out RabbitMqSendContext? rabbit))
                    {
                        rabbit.Mandatory = true;
                    }
                }));
                latencies[index] = Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds;
            }
        })));
        return latencies;
    }
}
