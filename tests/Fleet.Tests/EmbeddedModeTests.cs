using IsolatedRuntime.Client;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Embedded;
using IsolatedRuntime.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Embedded mode: the worker's own composition on the in-memory bus, with a client, in one process.</summary>
public sealed class EmbeddedModeTests : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Fact]
    public async Task The_embedded_composition_runs_caches_and_refuses_like_a_fleet()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddIsolatedRuntimeEmbedded(worker => worker.CodeBase = _codeBase.Root);
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<IIsolatedRuntimeClient>();
        var request = new RunRequest { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "add", Args = [2, 3] };

        var first = await client.RunAsync(request);
        var second = await client.RunAsync(request);
        var published = await client.PublishAsync(request with { CorrelationId = null, Args = [4, 5] });
        var refused = await client.RunAsync(request with { Args = [9, 9] });

        Assert.Equal(5, first.GetResult<int>());
        Assert.True(second.FromCache);
        Assert.Equal(RunErrorKind.InvalidRequest, refused.Faulted?.Kind);
        Assert.Equal(9, await EventuallyAsync(() => client.GetResultAsync(published)));
        await host.StopAsync();
    }

    public void Dispose() => _codeBase.Dispose();

    private static async Task<int> EventuallyAsync(Func<Task<RunReply?>> lookup)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await lookup() is { } reply)
            {
                return reply.GetResult<int>();
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The published run's outcome was never stored.");
    }
}
