using BenchmarkDotNet.Running;
using IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

// `scenarios` measures the limit behaviours (timeout, timers) with a stopwatch; anything else goes to BenchmarkDotNet.
if (args is ["scenarios", ..])
{
    return await LimitScenarios.RunAsync(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(LimitScenarios).Assembly).Run(args);
return 0;
