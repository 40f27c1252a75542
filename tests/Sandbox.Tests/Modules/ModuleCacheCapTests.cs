using System.Globalization;
using System.Text;
using IsolatedRuntime.Sandbox.Tests.Fixtures;
using IsolatedRuntime.Sandbox.Tests.Limits;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>
/// The parsed-module cache keeps within <see cref="SandboxOptions.ModuleCacheBytes"/> in bytes the process really
/// holds, whatever the shape of the code (a parsed array literal costs several times what a parsed function does) and
/// whether the sources are inline or files.
/// </summary>
[Collection(MemoryHeavy.Name)]
public sealed class ModuleCacheCapTests
{
    private const long _mb = 1024 * 1024;
    private const long _cap = 32 * _mb;

    // What else a run leaves in the process (pooled engines' state, the host's caches of small entries) and what
    // one full collection does not settle.
    private const long _tolerance = 16 * _mb;

    private const int _sources = 12;
    private const int _sourceCharacters = 200_000;

    [Theory]
    [InlineData("an array literal", false)]
    [InlineData("an array literal", true)]
    [InlineData("many functions", false)]
    [InlineData("many functions", true)]
    [InlineData("a template with a substitution every four characters", false)]
    [InlineData("a template with a substitution every four characters", true)]
    public async Task Parsed_sources_held_by_the_cache_stay_within_its_cap(string shape, bool files)
    {
        using var root = new TestCodeRoot();
        await using var sandbox = new JsSandbox(new SandboxOptions { ModuleCacheBytes = _cap, MaxTimeout = TimeSpan.FromMinutes(2) });
        // One source of the shape first, so that what the first parse of a process sets up is in the baseline.
        Assert.True((await sandbox.RunAsync(Execution.Runs.Inline(Source(shape, -1), timeout: TimeSpan.FromSeconds(60)))).IsCompleted);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 0; i < _sources; i++)
        {
            var source = Source(shape, i);
            if (files)
            {
                root.With($"m{i}.js", source);
            }

            var run = new RunOptions
            {
                Root = files ? root.Path : null,
                Sources = files ? null : new Dictionary<string, string> { ["index.js"] = source },
                File = files ? $"m{i}.js" : "index.js",
                FuncName = "f",
                Timeout = TimeSpan.FromSeconds(60),
                MemoryLimitBytes = 512 * _mb,
            };

            var outcome = await sandbox.RunAsync(run);
            Assert.True(outcome.IsCompleted, $"{shape} #{i}: {outcome.Error?.Kind} {outcome.Error?.Message}");
        }

        var grown = GC.GetTotalMemory(forceFullCollection: true) - before;
        Assert.True(grown <= _cap + _tolerance, $"{shape}: the process holds {grown / _mb} MB more after {_sources} sources, over the {_cap / _mb} MB cache cap");
    }

    private static string Source(string shape, int number)
    {
        var source = new StringBuilder(_sourceCharacters + 100).Append(CultureInfo.InvariantCulture, $"// {number}\n");
        switch (shape)
        {
            case "an array literal":
                source.Append("const data = [");
                while (source.Length < _sourceCharacters)
                {
                    source.Append("12345,");
                }

                return source.Append("0];\nmodule.exports.f = () => data.length;").ToString();
            case "many functions":
                for (var n = 0; source.Length < _sourceCharacters; n++)
                {
                    source.Append(CultureInfo.InvariantCulture, $"function g{n}(a, b) {{ return a + b * {n}; }}\n");
                }

                return source.Append("module.exports.f = () => g1(1, 2);").ToString();
            default:
                source.Append("module.exports.f = () => `");
                while (source.Length < _sourceCharacters)
                {
                    source.Append("${1}");
                }

                return source.Append("`.length;").ToString();
        }
    }
}
