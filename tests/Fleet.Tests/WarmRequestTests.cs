using IsolatedRuntime.Contracts;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Requests;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>A request's warm-reuse choice travels to the sandbox unchanged and is part of what the request asks.</summary>
public sealed class WarmRequestTests : IDisposable
{
    private readonly TestCodeBase _codeBase = TestCodeBase.Functions();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    [InlineData(null)]
    public void The_warm_choice_reaches_the_sandbox_options(bool? warm)
    {
        var mapper = new RunRequestMapper(new CodeBase(_codeBase.Root), Options.Create(new WorkerOptions { CodeBase = _codeBase.Root }));

        var mapped = mapper.Map(Request(warm));

        Assert.Equal(warm, mapped.Options!.Warm);
    }

    [Fact]
    public void Asking_for_warm_reuse_changes_the_fingerprint_and_leaving_it_out_does_not()
    {
        Assert.NotEqual(RequestFingerprint.Compute(Request(null)), RequestFingerprint.Compute(Request(true)));
        Assert.NotEqual(RequestFingerprint.Compute(Request(false)), RequestFingerprint.Compute(Request(true)));
        Assert.Equal(RequestFingerprint.Compute(Request(null)), RequestFingerprint.Compute(Request(null) with { CorrelationId = Guid.NewGuid() }));
    }

    public void Dispose() => _codeBase.Dispose();

    private static RunRequested Request(bool? warm) =>
        new() { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "add", Warm = warm };
}
