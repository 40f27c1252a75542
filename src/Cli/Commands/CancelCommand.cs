using System.CommandLine;
using IsolatedRuntime.Cli.Backends;

namespace IsolatedRuntime.Cli.Commands;

/// <summary><c>isolated-runtime cancel</c>: cancels a run of a fleet by its correlation id.</summary>
internal static class CancelCommand
{
    public static Command Create(CliConsole console)
    {
        var correlationId = new Option<Guid>("--correlation-id")
        {
            Description = "The id of the run to cancel (the one given to, or printed by, run --correlation-id).",
            HelpName = "GUID",
            Required = true,
        };

        // Only a fleet can be told: an embedded run lives and ends inside the process that started it (Ctrl+C cancels it).
        var broker = new Option<string>("--broker")
        {
            Description = "The fleet's RabbitMQ (amqp://user:pass@host:port/vhost).",
            HelpName = "URI",
            Required = true,
        }.NotEmpty("amqp://guest:guest@localhost:5672/");

        var command = new Command(
            "cancel",
            "Cancel a fleet run by its correlation id: if it has not started it never will; if it runs it is interrupted. Either is answered Canceled.");
        command.Options.Add(correlationId);
        command.Options.Add(broker);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var id = parsed.GetValue(correlationId);
            if (id == Guid.Empty)
            {
                console.Error.WriteLine("--correlation-id 00000000-0000-0000-0000-000000000000 names no run: give the id of the run to cancel.");
                return ExitCodes.Usage;
            }

            await using var fleet = RunBackend.Create(new RunBackendSettings { Broker = parsed.GetValue(broker) });
            await fleet.CancelAsync(id, cancellationToken);
            console.Out.WriteLine($"Cancel of run {id} sent: it is answered Canceled unless it had already finished.");
            return ExitCodes.Completed;
        });
        return command;
    }
}
