using IsolatedRuntime.Cli;

return await CliApplication.RunAsync(args, new CliConsole(Console.Out, Console.Error, ErrorIsTerminal: !Console.IsErrorRedirected));
