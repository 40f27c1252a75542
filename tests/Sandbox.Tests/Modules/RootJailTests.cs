using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>
/// Nothing outside the root (or a whitelisted folder) can be loaded, however it is asked for, and no message
/// reveals where the root lives on the host.
/// </summary>
public sealed class RootJailTests : IDisposable
{
    private readonly TestCodeRoot _root = new();
    private readonly TestCodeRoot _neighbour = new TestCodeRoot().With("secret.js", "module.exports = 'stolen';");

    public RootJailTests() =>
        _root
            .With("index.js", "module.exports.load = (request) => require(request); module.exports.ok = () => 'fine';")
            .With("lib/real.js", "module.exports = 'inside';")
            .WithSymlink("inside-link.js", Path.Combine(_root.Path, "lib/real.js"))
            .WithSymlink("outside-link.js", Path.Combine(_neighbour.Path, "secret.js"))
            .WithSymlink("outside-dir", _neighbour.Path)
            .WithSymlink("passwd-link", "/etc/passwd");

    /// <summary>Requests that must not load; <c>{neighbour}</c> is another root's host path, <c>{name}</c> its folder name.</summary>
    public static TheoryData<string> EscapingRequests =>
    [
        "../{name}/secret.js",
        "../{name}/secret",
        "./../{name}/secret.js",
        "./lib/../../{name}/secret.js",
        "{neighbour}/secret.js",
        "{neighbour}/secret",
        "/etc/passwd",
        "/../../../../etc/passwd",
        "../../../../../../../../etc/passwd",
        "/..",
        "..",
        "./outside-link.js",
        "./outside-link",
        "./outside-dir/secret.js",
        "./outside-dir/secret",
        "./outside-dir",
        "./passwd-link",
        "/~whitelist0/secret.js",
        "./a\0b",
        .. NodeHostModules.Names,
        "node:lodash",
    ];

    [Theory]
    [MemberData(nameof(EscapingRequests))]
    public void Require_outside_the_root_is_ModuleNotFound(string template)
    {
        var request = template.Replace("{neighbour}", _neighbour.Path, StringComparison.Ordinal)
            .Replace("{name}", Path.GetFileName(_neighbour.Path), StringComparison.Ordinal);
        var harness = new LoaderHarness();

        var outcome = harness.Run(_root.Run("index.js", "load", $"[{System.Text.Json.JsonSerializer.Serialize(request)}]"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal($"Cannot find module '{request}'", outcome.Message);
        AssertNoHostPath(outcome.Stack);
        Assert.Equal("\"fine\"", harness.Run(_root.Run("index.js", "ok")).ResultJson);
    }

    [Fact]
    public void Messages_name_the_request_but_never_the_root()
    {
        var outcome = new LoaderHarness().Run(_root.Run("index.js", "load", "[\"./missing/thing\"]"));

        Assert.Equal("Cannot find module './missing/thing'", outcome.Message);
        AssertNoHostPath(outcome.Message);
        AssertNoHostPath(outcome.Stack);
    }

    [Fact]
    public void A_symlink_to_a_file_inside_the_root_loads_under_its_real_name()
    {
        using var code = new TestCodeRoot()
            .With("index.js", "module.exports.f = () => [require('./inside-link'), require.resolve('./inside-link')];")
            .With("lib/real.js", "module.exports = 'inside';");
        code.WithSymlink("inside-link.js", Path.Combine(code.Path, "lib/real.js"));

        var outcome = new LoaderHarness().Run(code.Run("index.js", "f"));

        Assert.Equal("[\"inside\",\"/lib/real.js\"]", outcome.ResultJson);
    }

    [Fact]
    public void A_root_reached_through_a_symlink_works_as_the_root()
    {
        using var holder = new TestCodeRoot();
        holder.WithSymlink("alias", _root.Path);

        var outcome = new LoaderHarness().Run(new RunOptions
        {
            Root = Path.Combine(holder.Path, "alias"),
            File = "index.js",
            FuncName = "load",
            Args = System.Text.Json.Nodes.JsonNode.Parse("[\"./lib/real\"]"),
        });

        Assert.Equal("\"inside\"", outcome.ResultJson);
    }

    [Fact]
    public void A_root_given_with_a_trailing_slash_or_dots_is_the_same_root()
    {
        var harness = new LoaderHarness();
        var run = _root.Run("index.js", "load", "[\"./lib/real\"]");

        foreach (var root in new[] { _root.Path + "/", _root.Path + "/lib/..", _root.Path + "//" })
        {
            var outcome = harness.Run(new RunOptions { Root = root, File = run.File, FuncName = run.FuncName, Args = run.Args });
            Assert.True(outcome.ResultJson == "\"inside\"", $"{root}: {outcome}");
        }
    }

    [Fact]
    public void Many_runs_at_once_share_the_caches_safely()
    {
        var harness = new LoaderHarness();
        var run = _root.Run("index.js", "load", "[\"./inside-link\"]");

        var results = new string?[400];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = harness.Run(run).ResultJson);

        Assert.All(results, result => Assert.Equal("\"inside\"", result));
    }

    [Fact]
    public void An_entry_file_symlinked_out_of_the_root_is_ModuleNotFound()
    {
        var outcome = new LoaderHarness().Run(_root.Run("outside-link.js", "f"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.Equal("Cannot find module 'outside-link.js'", outcome.Message);
    }

    [Fact]
    public void An_over_long_request_is_not_found_and_echoed_only_in_part()
    {
        var request = "./" + new string('a', 5_000);

        var outcome = new LoaderHarness().Run(_root.Run("index.js", "load", $"[\"{request}\"]"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Kind);
        Assert.True(outcome.Message!.Length < 300, outcome.Message);
    }

    public void Dispose()
    {
        _root.Dispose();
        _neighbour.Dispose();
    }

    private void AssertNoHostPath(string? text)
    {
        if (text is null)
        {
            return;
        }

        Assert.DoesNotContain(_root.Path, text, StringComparison.Ordinal);
        Assert.DoesNotContain(_neighbour.Path, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), text, StringComparison.Ordinal);
    }
}
