using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using IsolatedRuntime.Cli.Commands;

namespace IsolatedRuntime.Cli;

/// <summary>
/// The whole command line, callable in-process: <c>Program</c> passes the real console, tests pass string writers.
/// </summary>
internal static class CliApplication
{
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliConsole(stdout, stderr), cancellationToken);

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var (stdout, stderr) = (console.Out, console.Error);
        var root = new RootCommand("Runs exported functions of untrusted JavaScript (CommonJS) in hardened Jint sandboxes.")
        {
            RunCommand.Create(console),
            BenchCommand.Create(console),
            CancelCommand.Create(console),
        };

        try
        {
            // '@' starts scoped npm names (--external @scope/pkg), so tokens are never read as response files.
            var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parsed.Errors.Count > 0 && parsed.Action is not HelpAction)
            {
                return ReportUsageErrors(parsed, stderr);
            }

            // Signals are the caller's (Program's InterruptSignal): the library's own handling would exit at once with 130,
            // before a bench could print what it measured.
            var invocation = new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            };
            return await parsed.InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync("Canceled: the command was interrupted before it finished.");
            return ExitCodes.Faulted;
        }
        catch (Exception ex)
        {
            // Last resort: a defect of the CLI itself is reported in one line, never as a crash dump.
            await stderr.WriteLineAsync($"Internal: the command failed unexpectedly: {ex.Message}");
            return ExitCodes.Faulted;
        }
    }

    private static int ReportUsageErrors(ParseResult parsed, TextWriter stderr)
    {
        foreach (var error in parsed.Errors)
        {
            stderr.WriteLine($"Usage: {error.Message}");
        }

        var command = string.Join(' ', ["isolated-runtime", .. CommandPath(parsed)]);
        stderr.WriteLine($"Run '{command} --help' to see every option.");
        return ExitCodes.Usage;
    }

    private static Stack<string> CommandPath(ParseResult parsed)
    {
        var names = new Stack<string>();
        for (var result = parsed.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            names.Push(result.Command.Name);
        }

        return names;
    }
}
