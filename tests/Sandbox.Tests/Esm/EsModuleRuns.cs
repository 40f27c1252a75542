using IsolatedRuntime.Sandbox.Tests.Modules;

namespace IsolatedRuntime.Sandbox.Tests.Esm;

/// <summary>Runs ES module code trees through a whole sandbox and reads the outcome as JSON text or a fault.</summary>
internal static class EsModuleRuns
{
    public static TheoryData<CodeStorage> Storages => [CodeStorage.Disk, CodeStorage.Inline];

    public static async Task<string?> CompletedAsync(this JsSandbox sandbox, RunOptions run)
    {
        var outcome = await sandbox.RunAsync(run);
        Assert.True(outcome.Error is null, $"{outcome.Error?.Kind}: {outcome.Error?.Message}\n{outcome.Error?.Stack}");
        return outcome.Result?.ToJsonString();
    }
}
