using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox;
using IsolatedRuntime.Worker.Options;
using IsolatedRuntime.Worker.Requests;
using Microsoft.Extensions.Options;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>Request roots and whitelisted paths stay inside the worker's code base, whatever the request says.</summary>
public sealed class CodeBaseJailTests : IDisposable
{
    private readonly TestCodeBase _codeBase;
    private readonly string _outside;

    public CodeBaseJailTests()
    {
        _outside = Path.Combine(Path.GetTempPath(), $"isolated-runtime-outside-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_outside);
        _codeBase = TestCodeBase.Functions()
            .With("nested/deeper/index.js", "exports.f = () => 1;")
            .WithLink("link-out", _outside)
            .WithLink("nested/link-up", "../..")
            .WithLink("link-in", Path.Combine("nested", "deeper"));
    }

    public static TheoryData<string, string> HostileRoots => new()
    {
        { "../..", "climbs out with '..'" },
        { "..", "climbs out with '..'" },
        { "math/../../etc", "climbs out with '..'" },
        { "/etc", "is not a relative path" },
        { "~/", "is not a relative path" },
        { "math\\..\\..", "is not a relative path" },
        { "", "is empty" },
        { "link-out", "leads out of the worker's code base through a symbolic link" },
        { "nested/link-up", "leads out of the worker's code base through a symbolic link" },
        { "link-out/sub", "leads out of the worker's code base through a symbolic link" },
        { "no-such-folder", "is not a folder in the worker's code base" },
    };

    [Theory]
    [MemberData(nameof(HostileRoots))]
    public void A_root_outside_the_code_base_is_InvalidRequest(string root, string reason)
    {
        var mapped = Mapper().Map(Request() with { Root = root });

        Assert.Null(mapped.Options);
        Assert.Contains($"root '{root}' {reason}".Replace("root '' is empty", "root is empty", StringComparison.Ordinal), mapped.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain(_codeBase.Root, mapped.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(HostileRoots))]
    public void A_whitelisted_path_outside_the_code_base_is_InvalidRequest(string path, string reason)
    {
        var mapped = Mapper().Map(Request() with { WhitelistedPaths = ["math", path] });

        Assert.Null(mapped.Options);
        Assert.Contains("whitelistedPaths[1]", mapped.Refusal, StringComparison.Ordinal);
        Assert.Contains(reason, mapped.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("math", "math")]
    [InlineData("./math", "math")]
    [InlineData("nested/deeper", "nested/deeper")]
    [InlineData("link-in", "nested/deeper")]
    [InlineData(".", "")]
    public void A_root_inside_the_code_base_maps_to_its_real_folder(string root, string folder)
    {
        var mapped = Mapper().Map(Request() with { Root = root, WhitelistedPaths = [root] });

        Assert.Null(mapped.Refusal);
        var expected = Path.TrimEndingDirectorySeparator(Path.Combine(new CodeBase(_codeBase.Root).FullPath, folder));
        Assert.Equal(expected, mapped.Options!.Root);
        Assert.Equal([expected], mapped.Options.WhitelistedPaths!);
    }

    public static TheoryData<RunRequested, string> RequestsMissingFields => new()
    {
        { new RunRequested { CorrelationId = Guid.NewGuid(), File = "index.js", FuncName = "f" }, "neither 'root'" },
        { new RunRequested { CorrelationId = Guid.NewGuid(), Root = "math", Sources = new Dictionary<string, string>(), File = "index.js", FuncName = "f" }, "not both" },
        { new RunRequested { CorrelationId = Guid.NewGuid(), Root = "math", FuncName = "f" }, "no 'file'" },
        { new RunRequested { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js" }, "no 'funcName'" },
        { new RunRequested { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "f", TimeoutMs = 0 }, "'timeout' must be positive" },
        { new RunRequested { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "f", MemoryLimitBytes = -1 }, "'memoryLimitBytes' must be positive" },
    };

    // The mapper passes these on; the sandbox, the one place that checks a run's fields, refuses them.
    [Theory]
    [MemberData(nameof(RequestsMissingFields))]
    public async Task A_request_missing_fields_is_InvalidRequest_naming_what_to_fix(RunRequested request, string reason)
    {
        var mapped = Mapper().Map(request);
        await using var sandbox = new JsSandbox(new SandboxOptions());

        var outcome = await sandbox.RunAsync(mapped.Options!);

        Assert.Equal(RunErrorKind.InvalidRequest, outcome.Error?.Kind);
        Assert.Equal("InvalidRequestError", outcome.Error?.Name);
        Assert.Contains(reason, outcome.Error?.Message, StringComparison.Ordinal);
    }

    public static TheoryData<RunRequested, string> RequestsOverACap => new()
    {
        { new RunRequested { CorrelationId = Guid.NewGuid(), Sources = new Dictionary<string, string> { ["index.js"] = new string('x', 2048) }, File = "index.js", FuncName = "f" }, "over the worker's cap of 1024 (IsolatedRuntime:MaxInlineSourceBytes)" },
        { new RunRequested { CorrelationId = Guid.NewGuid(), Sources = Enumerable.Range(0, 5).ToDictionary(i => $"{i}.js", _ => ""), File = "0.js", FuncName = "f" }, "IsolatedRuntime:MaxInlineFiles" },
        { new RunRequested { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "f", Args = System.Text.Json.JsonSerializer.SerializeToElement(new[] { new string('x', 2048) }) }, "IsolatedRuntime:MaxArgsBytes" },
        { new RunRequested { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "f", Context = System.Text.Json.JsonSerializer.SerializeToElement(new { a = new string('x', 2048) }) }, "IsolatedRuntime:MaxContextBytes" },
    };

    [Theory]
    [MemberData(nameof(RequestsOverACap))]
    public void A_request_over_a_cap_is_InvalidRequest_naming_what_to_fix(RunRequested request, string reason)
    {
        var mapped = Mapper().Map(request);

        Assert.Null(mapped.Options);
        Assert.Contains(reason, mapped.Refusal, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _codeBase.Dispose();
        Directory.Delete(_outside, recursive: true);
    }

    private static RunRequested Request() => new() { CorrelationId = Guid.NewGuid(), Root = "math", File = "index.js", FuncName = "add" };

    private RunRequestMapper Mapper() => new(new CodeBase(_codeBase.Root), Options.Create(new WorkerOptions
    {
        CodeBase = _codeBase.Root,
        MaxInlineSourceBytes = 1024,
        MaxInlineFiles = 4,
        MaxArgsBytes = 1024,
        MaxContextBytes = 1024,
    }));
}
