using System.Text.Json;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>
/// Hostile module requests end to end: each gets the right kind and a message naming no host folder, and the
/// sandbox serves the next run normally.
/// </summary>
public sealed class HostileModuleRunTests : SandboxTest, IDisposable
{
    private readonly TestCodeRoot _outside = new TestCodeRoot().With("x.js", "module.exports = 'outside';");
    private readonly TestCodeRoot _root = new();

    public HostileModuleRunTests()
        : base(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } }) =>
        _root
            .With("index.js", "module.exports.load = (request) => require(request); module.exports.ok = () => 'fine';")
            .With("lib/bad.js", "const ok = 1;\nconst broken = ;\n")
            .WithSymlink("link.js", Path.Combine(_outside.Path, "x.js"))
            .WithSymlink("linked-dir", _outside.Path);

    /// <summary>Requests that must be ModuleNotFound; <c>{outside}</c> is another folder's host path, <c>{name}</c> its name.</summary>
    public static TheoryData<string> Escapes =>
    [
        "../{name}/x",
        "../{name}/x.js",
        "{outside}/x.js",
        "/etc/passwd",
        "./link",
        "./link.js",
        "./linked-dir/x",
        .. NodeHostModules.Names,
    ];

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task Escaping_requires_are_ModuleNotFound_without_host_paths(string template)
    {
        var request = template.Replace("{outside}", _outside.Path, StringComparison.Ordinal)
            .Replace("{name}", Path.GetFileName(_outside.Path), StringComparison.Ordinal);

        var outcome = await Sandbox.RunAsync(_root.Run("index.js", "load", $"[{JsonSerializer.Serialize(request)}]"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal($"Cannot find module '{request}'", outcome.Error?.Message);
        Assert.DoesNotContain(_root.Path, outcome.Error!.Stack ?? "", StringComparison.Ordinal);
        await AssertNextRunIsFine();
    }

    [Fact]
    public async Task A_syntax_error_is_SyntaxError_with_file_and_line()
    {
        var outcome = await Sandbox.RunAsync(_root.Run("index.js", "load", "[\"./lib/bad\"]"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Error?.Kind);
        Assert.Equal("SyntaxError", outcome.Error?.Name);
        Assert.Equal("Unexpected token ';' (lib/bad.js:2:16)", outcome.Error?.Message);
        await AssertNextRunIsFine();
    }

    [Fact]
    public async Task A_syntax_error_in_the_entry_is_SyntaxError_with_file_and_line()
    {
        var outcome = await Sandbox.RunAsync(_root.Run("lib/bad.js", "f"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Error?.Kind);
        Assert.Equal("Unexpected token ';' (lib/bad.js:2:16)", outcome.Error?.Message);
    }

    [Theory]
    [InlineData("module.exports = () => () => { throw new Error('registry down'); };", "The module resolver failed for 'lodash': Error: registry down")]
    [InlineData("module.exports = () => { for (;;) {} };", null)]
    public async Task A_failing_resolver_is_a_fault_and_the_host_carries_on(string resolver, string? message)
    {
        using var hooks = new TestCodeRoot().With("resolver.js", resolver);
        await using var sandbox = new JsSandbox(new SandboxOptions { ResolverModulePath = Path.Combine(hooks.Path, "resolver.js") });
        var run = _root.Run("index.js", "load", "[\"lodash\"]").WithExternal("lodash").WithTimeout(TimeSpan.FromMilliseconds(500));

        var outcome = await sandbox.RunAsync(run);
        var next = await sandbox.RunAsync(_root.Run("index.js", "ok"));

        Assert.Equal(message is null ? RunErrorKind.Timeout : RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        if (message is not null)
        {
            Assert.Equal(message, outcome.Error?.Message);
        }

        Assert.True(next.IsCompleted, next.Error?.Message);
    }

    [Fact]
    public async Task A_failing_compiler_is_a_SyntaxError_fault_and_the_host_carries_on()
    {
        using var hooks = new TestCodeRoot().With("compiler.js", "module.exports = (code, file) => { throw new Error('cannot compile ' + file); };");
        await using var sandbox = new JsSandbox(new SandboxOptions { CompilerModulePath = Path.Combine(hooks.Path, "compiler.js") });

        var outcome = await sandbox.RunAsync(_root.Run("index.js", "ok"));
        var again = await sandbox.RunAsync(_root.Run("index.js", "ok"));

        Assert.Equal(RunErrorKind.SyntaxError, outcome.Error?.Kind);
        Assert.Equal("The compiler failed for 'index.js': Error: cannot compile index.js", outcome.Error?.Message);
        Assert.Equal(RunErrorKind.SyntaxError, again.Error?.Kind);
    }

    [Fact]
    public async Task A_dotnet_resolver_that_throws_is_a_fault_not_a_crash()
    {
        await using var sandbox = new JsSandbox(moduleResolver: new ThrowingResolver());

        var outcome = await sandbox.RunAsync(_root.Run("index.js", "load", "[\"lodash\"]").WithExternal("lodash"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error?.Kind);
        Assert.Equal("The module resolver failed for 'lodash': the registry is down", outcome.Error?.Message);
    }

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private async Task AssertNextRunIsFine()
    {
        var next = await Sandbox.RunAsync(_root.Run("index.js", "ok"));
        Assert.Equal("\"fine\"", next.Result?.ToJsonString());
    }

    private sealed class ThrowingResolver : IModuleResolver
    {
        public string? Resolve(string request, string fromDirectory, ModuleResolutionContext context) =>
            throw new InvalidOperationException("the registry is down");
    }
}
