using IsolatedRuntime.Cli;

using var interrupt = new InterruptSignal();
var console = new CliConsole(Console.Out, Console.Error, IsInteractive: !Console.IsOutputRedirected && !Console.IsErrorRedirected);
return await CliApplication.RunAsync(args, console, interrupt.Token);
