using System.CommandLine;
using System.CommandLine.Parsing;
using IsolatedRuntime.Cli.Backends;
using IsolatedRuntime.Client;

namespace IsolatedRuntime.Cli.Commands;

/// <summary>The options that configure where runs go rather than what a run is: shared by <c>run</c> and <c>bench</c>.</summary>
internal sealed class BackendOptions
{
    private readonly Option<string[]> _sourceExtensions = new("--source-extensions")
    {
        Description = "Extensions require probes, in order, comma-separated (default js).",
        HelpName = "EXT,EXT",
        CustomParser = result => [.. result.Tokens
            .SelectMany(token => token.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(extension => extension.TrimStart('.'))
            .Where(extension => extension.Length > 0)],
    };

    private readonly Option<string?> _resolver = new("--resolver")
    {
        Description = "JavaScript module exporting (resolverOptions) => (name, fromDir) => path | null.",
        HelpName = "FILE",
    };

    private readonly Option<string?> _compiler = new("--compiler")
    {
        Description = "JavaScript module exporting (code, filename) => code, applied to every source before it runs.",
        HelpName = "FILE",
    };

    private readonly Option<int?> _threads = OptionValidation.PositiveInteger<int>(
        "--threads", "Sandbox threads executing JavaScript (default: one per core).", "N", "2");

    private readonly Option<string?> _broker = new("--broker")
    {
        Description = "Run on a fleet behind this RabbitMQ (amqp://user:pass@host:port/vhost); --root is then relative to the workers' code base.",
        HelpName = "URI",
    };

    private readonly Option<string?> _redis = new("--redis")
    {
        Description = "The fleet's Redis (host:port), where workers store outcomes.",
        HelpName = "CONF",
    };

    private readonly Option<string> _queue = new Option<string>("--queue")
    {
        Description = "The workers' queue (their IsolatedRuntime__QueueName; default isolated-runtime).",
        HelpName = "NAME",
    }.NotEmpty("isolated-runtime");

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[_sourceExtensions, _resolver, _compiler, _threads, _broker, _redis, _queue])
        {
            command.Options.Add(option);
        }

        command.Validators.Add(RefuseMixedBackends);
    }

    // Sandbox settings configure this process's sandbox; a fleet's workers have their own, so with --broker they
    // would be silently ignored. Said at once instead.
    private void RefuseMixedBackends(CommandResult result)
    {
        if (result.GetResult(_broker) is null)
        {
            if (result.GetResult(_redis) is not null)
            {
                result.AddError("--redis is the fleet's result store and needs --broker. Example: --broker amqp://guest:guest@localhost:5672/ --redis localhost:6379");
            }

            if (result.GetResult(_queue) is not null)
            {
                result.AddError("--queue names the fleet's queue and needs --broker. Example: --broker amqp://guest:guest@localhost:5672/ --queue isolated-runtime");
            }

            return;
        }

        foreach (var (option, setting) in new (Option Option, string Setting)[]
        {
            (_sourceExtensions, "IsolatedRuntime__Sandbox__SourceExtensions"),
            (_resolver, "IsolatedRuntime__Sandbox__ResolverModulePath"),
            (_compiler, "IsolatedRuntime__Sandbox__CompilerModulePath"),
            (_threads, "IsolatedRuntime__Sandbox__Pool__MaxThreads"),
        })
        {
            if (result.GetResult(option) is not null)
            {
                result.AddError($"{option.Name} configures the embedded sandbox and cannot be used with --broker: a fleet's workers use their own settings ({setting}).");
            }
        }
    }

    public RunBackendSettings ToSettings(ParseResult parsed, RunRequest request, int maxInFlight) => new()
    {
        SourceExtensions = parsed.GetValue(_sourceExtensions),
        ResolverModulePath = parsed.GetValue(_resolver),
        CompilerModulePath = parsed.GetValue(_compiler),
        Threads = parsed.GetValue(_threads),
        MaxInFlight = maxInFlight,
        Timeout = request.Timeout,
        MemoryLimitBytes = request.MemoryLimitBytes,
        Broker = parsed.GetValue(_broker),
        Redis = parsed.GetValue(_redis),
        Queue = parsed.GetValue(_queue),
    };
}
