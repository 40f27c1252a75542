using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Admission;
using IsolatedRuntime.Worker.Consumers;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Topology;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>
/// How many messages a worker takes at once: by default several per sandbox thread (a message waiting on Redis or the
/// broker holds no thread), with no more prefetched than consumed (a backlog stays in the queue for other workers).
/// </summary>
public sealed class MessageConcurrencyTests
{
    public static TheoryData<int, int?, int?, int, int> Settings => new()
    {
        // threads, ConcurrentMessageLimit, PrefetchCount → concurrency, prefetch
        { 1, null, null, 4, 4 },
        { 2, null, null, 8, 8 },
        { 2, 32, null, 32, 32 },
        { 1, null, 1, 4, 1 },
        { 2, 3, 16, 3, 16 },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Concurrency_defaults_to_four_messages_per_sandbox_thread_and_prefetch_to_the_concurrency(
        int threads, int? concurrentMessageLimit, int? prefetchCount, int expectedConcurrency, int expectedPrefetch)
    {
        var sandbox = new SandboxOptions();
        sandbox.Pool.MaxThreads = threads;
        var worker = new WorkerOptions { ConcurrentMessageLimit = concurrentMessageLimit, PrefetchCount = prefetchCount };

        var definition = new RunRequestedConsumerDefinition(
            Options.Create(worker), Options.Create(sandbox), new WorkQueueTopology(Options.Create(worker), Options.Create(new TenantOptions()), NullLogger<WorkQueueTopology>.Instance));

        Assert.Equal(expectedConcurrency, definition.ConcurrentMessageLimit);
        Assert.Equal(expectedPrefetch, definition.PrefetchCount);
    }
}
