using System.Diagnostics;
using System.Text;

namespace IsolatedRuntime.Fleet.Tests;

/// <summary>What a command line printed and how it ended.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, string Errors)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command, its exit code and everything it printed, for an assertion message.</summary>
    public override string ToString() => $"{CommandLine} exited {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Errors}";
}

/// <summary>Runs a program from the command line, as a person would in a shell, and collects what it printed.</summary>
public static class ExternalCommand
{
    /// <summary>
    /// Runs <paramref name="file"/> to its end (or kills it after <paramref name="timeout"/>); each line of stderr is
    /// also handed to <paramref name="onErrorLine"/> as it arrives, for commands that report progress there.
    /// </summary>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onErrorLine = null)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory ?? Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var commandLine = $"{file} {string.Join(' ', start.ArgumentList.Select(Quote))}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{commandLine} did not start.");
        process.StandardInput.Close();
        var output = new StringBuilder();
        var errors = new StringBuilder();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(line.Data);
                }
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(line.Data);
                }

                onErrorLine?.Invoke(line.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            throw new TimeoutException($"{commandLine} did not end within {timeout}; it printed:\n{output}\n{errors}");
        }

        // The exit event can come before the last redirected lines; this waits for them.
        process.WaitForExit();
        return new CommandResult(commandLine, process.ExitCode, output.ToString(), errors.ToString());
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsLetterOrDigit(c) || "-_./=:,@%+".Contains(c)) ? argument : $"'{argument}'";
}
