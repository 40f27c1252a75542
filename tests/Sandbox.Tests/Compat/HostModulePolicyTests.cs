using IsolatedRuntime.Sandbox.Tests.Fixtures;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// <see cref="SandboxOptions.HostModules"/>: host modules are not found by default, load as denied stubs when the
/// operator says so, and <c>fs</c> reads the run's own jail — and nothing else — under
/// <see cref="HostModulePolicy.ReadOnlyFileSystem"/>.
/// </summary>
public sealed class HostModulePolicyTests : IAsyncLifetime
{
    private readonly TestCodeRoot _root = new();
    private readonly TestCodeRoot _outside = new TestCodeRoot().With("secret.txt", "stolen").With("dir/inner.txt", "stolen too");
    private readonly TestCodeRoot _shared = new TestCodeRoot().With("shared.txt", "from the whitelist");
    private readonly JsSandbox _readOnly = new(new SandboxOptions { HostModules = HostModulePolicy.ReadOnlyFileSystem, Pool = { MinThreads = 1, MaxThreads = 2 } });
    private readonly JsSandbox _denied = new(new SandboxOptions { HostModules = HostModulePolicy.Denied, Pool = { MinThreads = 1, MaxThreads = 2 } });
    private readonly JsSandbox _default = new(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 1 } });

    public HostModulePolicyTests() =>
        _root
            .With("index.js", """
                const fs = require('fs');
                module.exports.read = (p) => fs.readFileSync(p, 'utf8');
                module.exports.exists = (p) => fs.existsSync(p);
                module.exports.list = (p) => fs.readdirSync(p);
                module.exports.stat = (p) => { const s = fs.statSync(p); return [s.isFile(), s.isDirectory(), s.size]; };
                module.exports.attempt = (code) => { try { return ['ok', eval(code)]; } catch (e) { return [e.code, e.message]; } };
                module.exports.promised = async () => [await fs.promises.readFile('/data/a.txt', 'utf8'), await require('fs/promises').readdir('/data')];
                module.exports.callback = () => new Promise(resolve => fs.readFile(__dirname + '/data/a.txt', 'utf8', (e, text) => resolve([e, text])));
                """)
            .With("data/a.txt", "alpha")
            .With("data/sub/b.txt", "beta")
            .WithSymlink("data/inside-link.txt", Path.Combine(_root.Path, "data/a.txt"))
            .WithSymlink("data/outside-link.txt", Path.Combine(_outside.Path, "secret.txt"))
            .WithSymlink("data/outside-dir", _outside.Path)
            .WithSymlink("data/passwd", "/etc/passwd")
            .WithSymlink("data/proc", "/proc/self");

    /// <summary>Paths that name something outside the jail (or nothing): each is ENOENT, never the host's file.</summary>
    public static TheoryData<string> EscapingPaths =>
    [
        "../secret.txt",
        "/../../../../etc/passwd",
        "../../../../../../etc/passwd",
        "/etc/passwd",
        "/proc/self/environ",
        "/proc/self/root/etc/passwd",
        "/data/outside-link.txt",
        "/data/outside-dir/secret.txt",
        "/data/outside-dir/dir/inner.txt",
        "/data/passwd",
        "/data/proc/environ",
        "/data/../../etc/passwd",
        "data/sub/../../../etc/passwd",
        "{outside}/secret.txt",
        "/~whitelist7/shared.txt",
    ];

    [Theory]
    [MemberData(nameof(EscapingPaths))]
    public async Task A_path_out_of_the_jail_is_not_found_by_any_read(string path)
    {
        path = path.Replace("{outside}", _outside.Path, StringComparison.Ordinal);
        foreach (var call in new[] { "readFileSync", "statSync", "realpathSync", "readdirSync", "accessSync" })
        {
            var outcome = await _readOnly.RunAsync(Run("attempt", Args($"require('fs').{call}({System.Text.Json.JsonSerializer.Serialize(path)})")));

            Assert.True(outcome.IsCompleted, outcome.Error?.Message);
            Assert.Equal("ENOENT", outcome.Result![0]!.GetValue<string>());
            Assert.DoesNotContain("stolen", outcome.Result.ToJsonString(), StringComparison.Ordinal);
            Assert.DoesNotContain(_root.Path, outcome.Result.ToJsonString(), StringComparison.Ordinal);
        }

        var exists = await _readOnly.RunAsync(Run("exists", Args(path)));
        Assert.False(exists.Result!.GetValue<bool>());
    }

    public static TheoryData<string, string> Reads => new()
    {
        { "[\"read\", \"/data/a.txt\"]", "\"alpha\"" },
        { "[\"read\", \"data/sub/b.txt\"]", "\"beta\"" },
        { "[\"read\", \"/data/sub/../a.txt\"]", "\"alpha\"" },
        { "[\"read\", \"/data/inside-link.txt\"]", "\"alpha\"" },
        { "[\"attempt\", \"require('fs').readFileSync(new URL('file:///data/a.txt')).toString()\"]", "[\"ok\",\"alpha\"]" },
        { "[\"attempt\", \"require('fs').realpathSync('/data/inside-link.txt')\"]", "[\"ok\",\"/data/a.txt\"]" },
        { "[\"list\", \"/data\"]", "[\"a.txt\",\"inside-link.txt\",\"sub\"]" },
        { "[\"stat\", \"/data/sub\"]", "[false,true,0]" },
        { "[\"stat\", \"/data/a.txt\"]", "[true,false,5]" },
        { "[\"read\", \"/~whitelist0/shared.txt\"]", "\"from the whitelist\"" },
        { "[\"attempt\", \"require('fs').readFileSync('/data')\"]", "[\"EISDIR\",\"EISDIR: illegal operation on a directory, read '/data'\"]" },
        { "[\"attempt\", \"require('fs').readdirSync('/data/a.txt')\"]", "[\"ENOTDIR\",\"ENOTDIR: not a directory, scandir '/data/a.txt'\"]" },
        { "[\"attempt\", \"require('fs').readFileSync('/data/a.txt\\u0000x')\"]", "[\"ERR_INVALID_ARG_VALUE\",\"The argument 'path' must be a string, Uint8Array, or URL without null bytes. Received \\\"/data/a.txt\\\\u0000x\\\"\"]" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task Read_only_fs_reads_the_runs_own_files_by_their_virtual_paths(string call, string expectedJson)
    {
        var request = System.Text.Json.Nodes.JsonNode.Parse(call)!.AsArray();
        var outcome = await _readOnly.RunAsync(Run(request[0]!.GetValue<string>(), $"[{request[1]!.ToJsonString()}]"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(expectedJson, outcome.Result!.ToJsonString(NodeBuiltinModulesTests.Relaxed));
    }

    [Fact]
    public async Task Read_only_fs_has_callback_and_promise_forms()
    {
        var promised = await _readOnly.RunAsync(Run("promised"));
        var callback = await _readOnly.RunAsync(Run("callback"));

        Assert.Equal("[\"alpha\",[\"a.txt\",\"inside-link.txt\",\"sub\"]]", promised.Result!.ToJsonString());
        Assert.Equal("[null,\"alpha\"]", callback.Result!.ToJsonString());
    }

    [Theory]
    [InlineData("require('fs').writeFileSync('/data/a.txt', 'x')")]
    [InlineData("require('fs').mkdirSync('/x')")]
    [InlineData("require('fs').unlinkSync('/data/a.txt')")]
    [InlineData("require('fs').createWriteStream('/x')")]
    public async Task Read_only_fs_refuses_every_write_with_a_clear_error(string code)
    {
        var outcome = await _readOnly.RunAsync(Run("attempt", Args(code)));

        Assert.Equal("ERR_SANDBOX_UNAVAILABLE", outcome.Result![0]!.GetValue<string>());
        Assert.Contains("read-only", outcome.Result[1]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("alpha", File.ReadAllText(Path.Combine(_root.Path, "data/a.txt")));
    }

    [Theory]
    [InlineData("require('fs').readFileSync('/data/a.txt')", "fs.readFileSync() is not available in the sandbox")]
    [InlineData("require('vm').runInNewContext('1')", "vm.runInNewContext() is not available in the sandbox")]
    [InlineData("new (require('vm').Script)('1')", "vm.Script() is not available in the sandbox")]
    [InlineData("require('child_process').execSync('id')", "child_process.execSync() is not available in the sandbox")]
    [InlineData("require('os').hostname()", "os.hostname() is not available in the sandbox")]
    [InlineData("require('node:http').get('http://example.com')", "http.get() is not available in the sandbox")]
    public async Task Denied_host_modules_load_and_throw_when_used(string code, string message)
    {
        var outcome = await _denied.RunAsync(Run("attempt", Args(code)));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("ERR_SANDBOX_UNAVAILABLE", outcome.Result![0]!.GetValue<string>());
        Assert.StartsWith(message, outcome.Result[1]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Denied_host_modules_keep_the_answers_that_reveal_nothing()
    {
        var outcome = await _denied.RunAsync(Run("attempt", "[\"[require('os').EOL, require('tty').isatty(1), require('worker_threads').isMainThread, typeof require('perf_hooks').performance.now(), require('fs').existsSync === undefined]\"]"));

        Assert.Equal("[\"ok\",[\"\\n\",false,true,\"number\",false]]", outcome.Result!.ToJsonString());
    }

    [Theory]
    [InlineData("fs")]
    [InlineData("vm")]
    [InlineData("node:os")]
    public async Task By_default_host_modules_are_not_found(string name)
    {
        var outcome = await _default.RunAsync(Execution.Runs.Inline($"module.exports.f = () => require('{name}');"));

        Assert.Equal(Contracts.RunErrorKind.ModuleNotFound, outcome.Error!.Kind);
        Assert.Equal($"Cannot find module '{name}'", outcome.Error.Message);
    }

    private static string Args(string value) => new System.Text.Json.Nodes.JsonArray(value).ToJsonString();

    private RunOptions Run(string funcName, string? argsJson = null) => new()
    {
        Root = _root.Path,
        File = "index.js",
        FuncName = funcName,
        Args = argsJson is null ? null : System.Text.Json.Nodes.JsonNode.Parse(argsJson),
        WhitelistedPaths = [_shared.Path],
    };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _readOnly.DisposeAsync();
        await _denied.DisposeAsync();
        await _default.DisposeAsync();
        _root.Dispose();
        _outside.Dispose();
        _shared.Dispose();
    }
}
