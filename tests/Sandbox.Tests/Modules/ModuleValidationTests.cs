using IsolatedRuntime.Sandbox.Modules;
using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>Bad module inputs are refused before any engine is built, with messages that teach and hide the host.</summary>
public sealed class ModuleValidationTests : IDisposable
{
    private readonly TestCodeRoot _root = new TestCodeRoot().With("index.js", "module.exports.f = () => 1;");
    private readonly ModuleLoader _loader = new(new SandboxOptions { MaxSourceBytes = 64 }, null, null);

    /// <summary>A change to a valid request, and the start of the message it must be refused with.</summary>
    public static TheoryData<string, string> InvalidRequests => new()
    {
        { "no root", "Give either 'root' (a code folder) or 'sources' (inline files)." },
        { "root and sources", "Give either 'root' (a code folder) or 'sources' (inline files), not both." },
        { "missing root", "The root folder does not exist; give an existing code folder as 'root'." },
        { "root is a file", "The root folder does not exist; give an existing code folder as 'root'." },
        { "no file", "'file' is missing; name the entry module relative to the root, e.g. 'index.js'." },
        { "file escapes", "'file' ('../index.js') must name a module inside the root, e.g. 'index.js' or 'lib/main.js'." },
        { "file climbs from root", "'file' ('/../../etc/passwd') must name a module inside the root" },
        { "file is the root", "'file' ('.') must name a module inside the root" },
        { "relative whitelist", "whitelistedPaths[0] must be the full path of a folder." },
        { "missing whitelist", "whitelistedPaths[1] does not exist or is not a folder." },
        { "external path", "external[0] ('../x') is not a package name; list bare names such as 'lodash' or '@scope/pkg'." },
        { "external sub-path", "external[1] ('lodash/fp') is not a package name" },
        { "external empty", "external[0] ('') is not a package name" },
        { "sources escape", "The sources key '../x.js' is not a file path inside the virtual root" },
        { "sources empty", "The sources are empty; give at least the entry file" },
        { "sources too large", "The sources hold 100 bytes, over the 64-byte limit for inline code" },
        { "sources twice", "The sources name the file 'index.js' twice; give each file once." },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public void Invalid_module_inputs_are_InvalidRequest_with_a_teaching_message(string change, string message)
    {
        var problem = _loader.Validate(Change(change));

        Assert.NotNull(problem);
        Assert.StartsWith(message, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(_root.Path, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_request_passes()
    {
        Assert.Null(_loader.Validate(_root.Run("index.js", "f").WithExternal("lodash", "@scope/pkg").WithWhitelist(_root.Path)));
        Assert.Null(_loader.Validate(new RunOptions { Sources = new Dictionary<string, string> { ["./lib/a.js"] = "" }, File = "/lib/a.js", FuncName = "f" }));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("")]
    [InlineData("js,a/b")]
    public void Unusable_source_extensions_are_a_configuration_error(string extensions)
    {
        var list = extensions == "none" ? [] : extensions.Split(',');

        var error = Assert.Throws<ArgumentException>(() => new ModuleLoader(new SandboxOptions { SourceExtensions = list }, null, null));

        Assert.StartsWith("SandboxOptions.SourceExtensions must list at least one extension", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _root.Dispose();

    private RunOptions Change(string change)
    {
        var valid = _root.Run("index.js", "f");
        var sources = new Dictionary<string, string> { ["index.js"] = "module.exports.f = () => 1;" };
        return change switch
        {
            "no root" => new RunOptions { File = "index.js", FuncName = "f" },
            "root and sources" => new RunOptions { Root = _root.Path, Sources = sources, File = "index.js", FuncName = "f" },
            "missing root" => new RunOptions { Root = Path.Combine(_root.Path, "nope"), File = "index.js" },
            "root is a file" => new RunOptions { Root = Path.Combine(_root.Path, "index.js"), File = "index.js" },
            "no file" => new RunOptions { Root = _root.Path, FuncName = "f" },
            "file escapes" => _root.Run("../index.js", "f"),
            "file climbs from root" => _root.Run("/../../etc/passwd", "f"),
            "file is the root" => _root.Run(".", "f"),
            "relative whitelist" => valid.WithWhitelist("shared"),
            "missing whitelist" => valid.WithWhitelist(_root.Path, Path.Combine(_root.Path, "missing")),
            "external path" => valid.WithExternal("../x"),
            "external sub-path" => valid.WithExternal("lodash", "lodash/fp"),
            "external empty" => valid.WithExternal(""),
            "sources escape" => new RunOptions { Sources = new Dictionary<string, string> { ["../x.js"] = "" }, File = "x.js" },
            "sources empty" => new RunOptions { Sources = new Dictionary<string, string>(), File = "index.js" },
            "sources too large" => new RunOptions { Sources = new Dictionary<string, string> { ["index.js"] = new string('x', 100) }, File = "index.js" },
            "sources twice" => new RunOptions { Sources = new Dictionary<string, string> { ["index.js"] = "", ["./index.js"] = "" }, File = "index.js" },
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
    }
}
