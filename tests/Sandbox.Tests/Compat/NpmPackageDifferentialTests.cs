using System.Text.Json.Nodes;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// Popular pure-JS npm packages, pinned by <c>Compat/packages/package-lock.json</c>: each case in
/// <c>Compat/packages/cases</c> runs once under the real <c>node</c> and once in the sandbox, and both answer the same.
/// </summary>
public sealed class NpmPackageDifferentialTests(NpmPackagesFixture packages) : IClassFixture<NpmPackagesFixture>, IAsyncLifetime
{
    private readonly JsSandbox _sandbox = new(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } });

    // Packages that require a host module at load time run where the operator allows them (docs/compat.md, Host modules).
    private readonly JsSandbox _hostModules = new(new SandboxOptions
    {
        HostModules = HostModulePolicy.ReadOnlyFileSystem,
        Pool = { MinThreads = 1, MaxThreads = 2 },
    });

    public static TheoryData<string> Packages => new()
    {
        "lodash", "dayjs", "date-fns", "ms", "semver", "qs", "uuid", "nanoid", "zod", "ajv", "joi", "ramda", "underscore",
        "validator", "js-yaml", "marked", "mustache", "handlebars", "papaparse", "pluralize", "slugify", "escape-html",
        "deepmerge", "fast-deep-equal", "bytes", "big.js", "decimal.js", "moment", "fast-xml-parser",

        // Round 2 (issue 18): Web globals, stream, key objects, trailing-slash specifiers, flat chains, ICU, memory.
        "jsonwebtoken", "@noble/hashes", "xstate", "highlight.js", "punycode", "readable-stream", "luxon", "mathjs",
        "numeral", "tinycolor2", "immer", "redux", "yup", "superstruct", "lru-cache", "eventemitter3", "clsx", "yaml",
        "csv-parse", "xml2js", "he", "htmlparser2", "markdown-it", "acorn", "json5", "ini", "diff", "bignumber.js",
        "fraction.js", "crypto-js", "bcryptjs", "mime-types", "path-to-regexp", "minimatch", "async", "rxjs",
        "immutable", "fuse.js", "graphql",
    };

    /// <summary>
    /// Packages that require <c>fs</c> or <c>vm</c> when they load (a template engine's file loader, a JSONPath
    /// library's optional evaluator, a CSS parser's source maps): run with <see cref="HostModulePolicy.ReadOnlyFileSystem"/>.
    /// </summary>
    public static TheoryData<string> HostModulePackages => new() { "ejs", "jsonpath-plus", "postcss", "liquidjs" };

    /// <summary>
    /// ES module cases (<c>cases/&lt;package&gt;.mjs</c>, imported): ES-module-only packages (camelcase, pretty-ms and
    /// its dependency parse-ms), and the <c>import</c> builds of packages that ship both.
    /// </summary>
    public static TheoryData<string> EsModulePackages => new()
    {
        "camelcase", "pretty-ms", "zod", "date-fns", "marked", "uuid",
        "change-case", "p-limit", "pretty-bytes", "query-string", "lodash-es",
    };

    [Theory]
    [MemberData(nameof(Packages))]
    public async Task Package_answers_in_the_sandbox_what_it_answers_in_node(string package) =>
        await AssertSameAnswer(_sandbox, package, CaseName(package) + ".js");

    [Theory]
    [MemberData(nameof(HostModulePackages))]
    public async Task Package_that_requires_a_host_module_answers_what_it_answers_in_node_when_host_modules_load(string package) =>
        await AssertSameAnswer(_hostModules, package, CaseName(package) + ".js");

    [Theory]
    [MemberData(nameof(EsModulePackages))]
    public async Task Package_imported_by_an_ES_module_answers_in_the_sandbox_what_it_answers_in_node(string package) =>
        await AssertSameAnswer(_sandbox, package, CaseName(package) + ".mjs");

    // The budget a package needs beyond the default 64 MB (docs/compat.md, "Memory: what loading a package costs"): a
    // first cold load of mathjs is charged its ~600 parsed files, which the process then shares with later runs.
    private static readonly Dictionary<string, (long MemoryBytes, TimeSpan Timeout)> _heavy = new(StringComparer.Ordinal)
    {
        ["mathjs"] = (256L * 1024 * 1024, TimeSpan.FromMinutes(3)),
    };

    /// <summary>
    /// Warm reuse locks the built-ins once the package is loaded (docs/warm.md): the package must still answer what
    /// Node answers, on the run that loads it and on the next, which reuses the locked engine.
    /// </summary>
    /// <summary>
    /// The packages checked under warm reuse: the first 29 of <see cref="Packages"/>. The later ones have not been run
    /// warm yet (bcryptjs's warm engine is not kept after the lockdown, mathjs needs more than the default budget).
    /// </summary>
    public static TheoryData<string> WarmPackages => new()
    {
        "lodash", "dayjs", "date-fns", "ms", "semver", "qs", "uuid", "nanoid", "zod", "ajv", "joi", "ramda", "underscore",
        "validator", "js-yaml", "marked", "mustache", "handlebars", "papaparse", "pluralize", "slugify", "escape-html",
        "deepmerge", "fast-deep-equal", "bytes", "big.js", "decimal.js", "moment", "fast-xml-parser",
    };

    [Theory]
    [MemberData(nameof(WarmPackages))]
    public async Task Package_answers_in_warm_runs_what_it_answers_in_node(string package)
    {
        await AssertSameAnswer(_sandbox, package, CaseName(package) + ".js", warm: true);
        await AssertSameAnswer(_sandbox, package, CaseName(package) + ".js", warm: true);

        // The engine was locked and kept: the second run was warm, not a cold run after a refusal.
        Assert.Equal(1, _sandbox.GetStatistics().IdleWarmEngines);
    }

    // A case file is named after its package: "@noble/hashes" → noble-hashes.js.
    private static string CaseName(string package) => package.TrimStart('@').Replace('/', '-');

    private async Task AssertSameAnswer(JsSandbox sandbox, string package, string caseFile, bool? warm = null)
    {
        var expected = JsonNode.Parse(packages.RunInNode(caseFile));

        var outcome = await sandbox.RunAsync(new RunOptions
        {
            Root = packages.Folder,
            File = $"cases/{caseFile}",
            FuncName = "f",
            External = [package],
            Timeout = _heavy.TryGetValue(package, out var heavy) ? heavy.Timeout : TimeSpan.FromSeconds(30),
            MemoryLimitBytes = _heavy.TryGetValue(package, out var budget) ? budget.MemoryBytes : null,
            Warm = warm,
        });

        Assert.True(outcome.IsCompleted, $"{outcome.Error?.Kind}: {outcome.Error?.Message}\n{outcome.Error?.Stack}");
        Assert.True(JsonNode.DeepEquals(expected, outcome.Result), $"node: {expected?.ToJsonString()}\nsandbox: {outcome.Result?.ToJsonString()}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        await _hostModules.DisposeAsync();
    }
}
