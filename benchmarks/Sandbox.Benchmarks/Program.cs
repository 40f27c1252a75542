using BenchmarkDotNet.Running;
using IsolatedRuntime.Sandbox.Benchmarks.Scenarios;

// `scenarios` measures with a stopwatch what BenchmarkDotNet cannot show well: CPU time per run beside runs/s, and
// the limit behaviours (timeout, timers), which are single long events. Anything else goes to BenchmarkDotNet.
// `batch` weighs batches (items/s) and the thread CPU clock every turn reads.
// `warm` needs node and the Compat packages (installed from their lock file on first use), so it runs on its own.
if (args is ["warm", ..])
{
    await WarmScenario.RunAsync(Console.Out);
    return 0;
}

if (args is ["batch", ..])
{
    await BatchScenario.RunAsync(Console.Out);
    return 0;
}

if (args is ["scenarios", ..])
{
    await ThroughputScenario.RunAsync(Console.Out);
    return await LimitScenarios.RunAsync(Console.Out);
}

BenchmarkSwitcher.FromAssembly(typeof(LimitScenarios).Assembly).Run(args);
return 0;
