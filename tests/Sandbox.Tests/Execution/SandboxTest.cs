namespace IsolatedRuntime.Sandbox.Tests.Execution;

/// <summary>A test class sharing one sandbox across its tests, drained when the class is done.</summary>
public abstract class SandboxTest(SandboxOptions? options = null) : IAsyncLifetime
{
    protected JsSandbox Sandbox { get; } = new(options);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();
}
