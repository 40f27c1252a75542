namespace IsolatedRuntime.Sandbox.Benchmarks.Fixtures;

/// <summary>A temporary code root holding the functions the benchmarks call.</summary>
internal sealed class BenchmarkCodeRoot : IDisposable
{
    /// <summary>The trivial function every throughput figure is about, as a CommonJS export.</summary>
    public const string TrivialModule = "module.exports.add = function (a, b) { return a + b; };";

    /// <summary>The same function as a plain script, for the bare Jint floor.</summary>
    public const string TrivialScript = "function add(a, b) { return a + b; }";

    public BenchmarkCodeRoot()
    {
        Path = Directory.CreateTempSubdirectory("ir-bench-").FullName;
        Write("index.js", TrivialModule);
        Write("loop.js", "module.exports.spin = function () { while (true) {} };");
        Write("timer.js", "module.exports.wait = function (ms) { return new Promise(function (resolve) { setTimeout(resolve, ms); }); };");
    }

    public string Path { get; }

    public void Dispose() => Directory.Delete(Path, recursive: true);

    private void Write(string file, string source) => File.WriteAllText(System.IO.Path.Combine(Path, file), source);
}
