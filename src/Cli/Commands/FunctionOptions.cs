using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsolatedRuntime.Client;

namespace IsolatedRuntime.Cli.Commands;

/// <summary>The options that say which function to run and with what: shared by <c>run</c> and <c>bench</c>.</summary>
internal sealed class FunctionOptions
{
    private readonly Option<string> _root = new Option<string>("--root")
    {
        Description = "Folder holding the code. Every require must stay inside it or a --whitelist folder.",
        HelpName = "DIR",
        Required = true,
    }.NotEmpty("examples/hello");

    private readonly Option<string> _file = new Option<string>("--file")
    {
        Description = "Entry module, relative to --root.",
        HelpName = "FILE",
        Required = true,
    }.NotEmpty("index.js");

    private readonly Option<string> _func = new Option<string>("--func")
    {
        Description = "Name of the exported function to call.",
        HelpName = "NAME",
        Required = true,
    }.NotEmpty("add");

    private readonly Option<JsonArray?> _args =
        JsonOptionFactory.Create<JsonArray>("--args", "Arguments of the call, as a JSON array.", "[2, 3]");

    private readonly Option<JsonArray?> _argsBatch = JsonOptionFactory.CreateWithFile<JsonArray>(
        "--args-batch",
        "A batch: one argument array per item. The code loads once and the function is called once per item, in order; one outcome is printed per item.",
        "[[1, 2], [3, 4]]",
        NotArgumentArrays);

    private readonly Option<bool> _stopOnFirstFailure = new("--stop-on-first-failure")
    {
        Description = "With --args-batch: stop at the first item that faults; the rest are answered Skipped.",
    };

    private readonly Option<int?> _cpuBudget = OptionValidation.PositiveInteger<int>(
        "--cpu-budget", "CPU time a run may use in milliseconds (time waiting on timers is free); over it the run faults CpuLimit.", "MS", "200");

    private readonly Option<int?> _maxQueueAge = OptionValidation.PositiveInteger<int>(
        "--max-queue-age", "How long the request may wait in the queue before it is answered Expired without running, in milliseconds.", "MS", "30000");

    private readonly Option<string?> _tenant = new("--tenant")
    {
        Description = "Who the run is for: the workers' per-tenant limits apply to it.",
        HelpName = "NAME",
    };

    private readonly Option<JsonObject?> _context =
        JsonOptionFactory.Create<JsonObject>("--context", "Extra globals of the run, as a JSON object.", """{"a": 1}""");

    private readonly Option<string[]> _external = new("--external")
    {
        Description = "A bare module name the code may require (from node_modules or the resolver). Repeatable.",
        HelpName = "NAME",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string[]> _whitelist = new("--whitelist")
    {
        Description = "An extra folder modules may be loaded from. Repeatable.",
        HelpName = "DIR",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<JsonNode?> _resolverOptions = JsonOptionFactory.Create<JsonNode>(
        "--resolver-options", "Handed to the --resolver factory.", """{"additionalModulesPath": "lib"}""");

    private readonly Option<int?> _timeout = OptionValidation.PositiveInteger<int>(
        "--timeout", "Wall-clock budget of a run in milliseconds (default 5000).", "MS", "1500");

    private readonly Option<long?> _memory = OptionValidation.PositiveInteger<long>(
        "--memory", "Memory a run may hold at once, in bytes (default 67108864, 64 MB).", "BYTES", "134217728");

    private readonly Option<bool> _warm = new("--warm")
    {
        Description = "Reuse an engine that already loaded this code and its packages (module-level state is shared between such runs; globals are reset). Default: a fresh engine per run.",
    };

    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[_root, _file, _func, _args, _argsBatch, _stopOnFirstFailure, _context, _external, _whitelist,
            _resolverOptions, _timeout, _memory, _cpuBudget, _maxQueueAge, _tenant, _warm])
        {
            command.Options.Add(option);
        }

        command.Validators.Add(RefuseArgsWithBatch);
    }

    private void RefuseArgsWithBatch(System.CommandLine.Parsing.CommandResult result)
    {
        if (result.GetResult(_args) is not null && result.GetResult(_argsBatch) is not null)
        {
            result.AddError("--args and --args-batch cannot be used together: --args is one call, --args-batch one argument array per call. Example: --args-batch '[[1, 2], [3, 4]]'");
        }

        if (result.GetResult(_stopOnFirstFailure) is not null && result.GetResult(_argsBatch) is null)
        {
            result.AddError("--stop-on-first-failure applies to a batch and needs --args-batch. Example: --args-batch '[[1, 2], [3, 4]]' --stop-on-first-failure");
        }
    }

    /// <summary>
    /// The client's request for the command line. Folders are as typed (the backend maps them); JSON values are
    /// <see cref="JsonElement"/>s, which many runs of a bench can read at once.
    /// </summary>
    public RunRequest ToRequest(ParseResult parsed) => new()
    {
        Root = parsed.GetRequiredValue(_root),
        File = parsed.GetRequiredValue(_file),
        FuncName = parsed.GetRequiredValue(_func),
        Args = parsed.GetValue(_args) is { } args ? Arguments(args) : [],
        ArgsBatch = parsed.GetValue(_argsBatch) is { } batch ? [.. batch.Select(item => Arguments((JsonArray)item!))] : null,
        StopOnFirstFailure = parsed.GetValue(_stopOnFirstFailure),
        CpuBudget = parsed.GetValue(_cpuBudget) is { } cpuMs ? TimeSpan.FromMilliseconds(cpuMs) : null,
        MaxQueueAge = parsed.GetValue(_maxQueueAge) is { } ageMs ? TimeSpan.FromMilliseconds(ageMs) : null,
        Tenant = parsed.GetValue(_tenant),
        Context = parsed.GetValue(_context) is { } context ? JsonSerializer.SerializeToElement(context) : null,
        External = parsed.GetValue(_external) ?? [],
        WhitelistedPaths = parsed.GetValue(_whitelist) ?? [],
        ResolverOptions = parsed.GetValue(_resolverOptions) is { } resolverOptions ? JsonSerializer.SerializeToElement(resolverOptions) : null,
        Timeout = parsed.GetValue(_timeout) is { } timeoutMs ? TimeSpan.FromMilliseconds(timeoutMs) : null,
        MemoryLimitBytes = parsed.GetValue(_memory),
        Warm = parsed.GetValue(_warm) ? true : null,
    };

    private static string? NotArgumentArrays(JsonArray batch)
    {
        for (var item = 0; item < batch.Count; item++)
        {
            if (batch[item] is not JsonArray)
            {
                return $"item {item} is not an argument array: each item is the arguments of one call.";
            }
        }

        return null;
    }

    private static IReadOnlyList<object?> Arguments(JsonArray args) => [.. args.Select(arg => (object?)JsonSerializer.SerializeToElement(arg))];
}
