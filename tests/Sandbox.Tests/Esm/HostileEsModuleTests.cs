using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Fixtures;
using IsolatedRuntime.Sandbox.Tests.Modules;

namespace IsolatedRuntime.Sandbox.Tests.Esm;

/// <summary>
/// Imports are held to the same jail as require: static and dynamic imports that climb out, name host paths, follow
/// links outside or name host built-ins are ModuleNotFound, and no message or stack names a host folder.
/// </summary>
public sealed class HostileEsModuleTests : SandboxTest, IDisposable
{
    private readonly TestCodeRoot _outside = new TestCodeRoot().With("x.mjs", "export const secret = 'outside';").With("x.js", "module.exports = 'outside';");
    private readonly TestCodeRoot _root = new();

    public HostileEsModuleTests()
        : base(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } }) =>
        _root
            .With("ok.mjs", "export const run = () => 'fine';")
            .With("dynamic.mjs", "export const load = async (request) => await import(request);")
            .WithSymlink("link.mjs", Path.Combine(_outside.Path, "x.mjs"))
            .WithSymlink("linked-dir", _outside.Path);

    /// <summary>Imports that must be ModuleNotFound; <c>{outside}</c> is another folder's host path, <c>{name}</c> its name.</summary>
    public static TheoryData<string> Escapes =>
    [
        "../{name}/x.mjs",
        "../{name}/x.js",
        "./../../{name}/x.mjs",
        "{outside}/x.mjs",
        "/etc/passwd",
        "/../../etc/passwd",
        "./link.mjs",
        "./linked-dir/x.mjs",
        "file:///etc/passwd",
        "data:text/javascript,export default 1",
        .. NodeHostModules.Names,
    ];

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Escaping_static_imports_are_ModuleNotFound_without_host_paths(string template)
    {
        var request = Request(template);
        _root.With("entry.mjs", $"import x from {System.Text.Json.JsonSerializer.Serialize(request)};\nexport const run = () => x;");

        var outcome = await Sandbox.RunAsync(_root.Run("entry.mjs", "run"));

        AssertNotFound(outcome, request);
        await AssertNextRunIsFine();
    }

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Escaping_dynamic_imports_are_ModuleNotFound_without_host_paths(string template)
    {
        var request = Request(template);

        var outcome = await Sandbox.RunAsync(_root.Run("dynamic.mjs", "load", $"[{System.Text.Json.JsonSerializer.Serialize(request)}]"));

        AssertNotFound(outcome, request);
        await AssertNextRunIsFine();
    }

    [Fact]
    public async Task A_missing_import_in_a_whitelisted_folder_names_no_host_path()
    {
        using var shared = new TestCodeRoot()
            .With("lib/package.json", "{ \"main\": \"index.mjs\" }")
            .With("lib/index.mjs", "import './gone.mjs'; export const v = 1;");
        _root.With("uses-shared.mjs", "import { v } from 'lib'; export const run = () => v;");

        var outcome = await Sandbox.RunAsync(_root.Run("uses-shared.mjs", "run").WithExternal("lib").WithWhitelist(shared.Path));

        AssertNotFound(outcome, "./gone.mjs");
        Assert.DoesNotContain(shared.Path, outcome.Error?.Stack ?? "", StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _outside.Dispose();
        _root.Dispose();
    }

    private string Request(string template) =>
        template.Replace("{outside}", _outside.Path, StringComparison.Ordinal)
            .Replace("{name}", Path.GetFileName(_outside.Path), StringComparison.Ordinal);

    private void AssertNotFound(RunOutcome outcome, string request)
    {
        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal($"Cannot find module '{request}'", outcome.Error?.Message);
        Assert.DoesNotContain(_root.Path, outcome.Error!.Stack ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(_root.Path, outcome.Error!.Message, StringComparison.Ordinal);
    }

    private async Task AssertNextRunIsFine() =>
        Assert.Equal("\"fine\"", (await Sandbox.RunAsync(_root.Run("ok.mjs", "run"))).Result?.ToJsonString());
}
