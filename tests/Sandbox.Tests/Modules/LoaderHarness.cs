using System.Text.Json.Nodes;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.Modules;
using IsolatedRuntime.Sandbox.RunState;
using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>
/// Runs a function through the <see cref="ModuleLoader"/> alone, on a bare hardened engine, the way the sandbox
/// does: validate, load the entry, call the export, map an uncaught error by its fault tag.
/// </summary>
internal sealed class LoaderHarness(SandboxOptions? options = null, IModuleResolver? resolver = null, ISourceCompiler? compiler = null)
{
    private RunLimits _limits = new(TimeSpan.FromSeconds(10), 64L * 1024 * 1024, 2_000);

    public ModuleLoader Loader { get; } = new(options ?? new SandboxOptions(), resolver, compiler);

    /// <summary>Gives every later run <paramref name="timeout"/> as its wall-clock budget.</summary>
    public LoaderHarness WithTimeout(TimeSpan timeout)
    {
        _limits = _limits with { Timeout = timeout };
        return this;
    }

    public LoaderOutcome Run(RunOptions run)
    {
        if (Loader.Validate(run) is { } invalid)
        {
            return LoaderOutcome.Faulted(RunErrorKind.InvalidRequest, "Error", invalid);
        }

        using var deadline = new CancellationTokenSource(_limits.Timeout);
        var engine = new Engine(EngineLimits.Apply(new Options(), _limits, deadline.Token));
        EngineLimits.Install(engine);
        var context = new RunContext { Run = run, Limits = _limits, Deadline = deadline.Token };
        try
        {
            var exports = Loader.LoadEntry(engine, context);
            return Call(engine, exports, run);
        }
        catch (JavaScriptException ex)
        {
            var kind = context.FaultTags.TryGetKind(ex.Error, out var tagged) ? tagged : RunErrorKind.UserError;
            return ex.Error is ObjectInstance error
                ? LoaderOutcome.Faulted(kind, Text(error, "name"), Text(error, "message"), Text(error, "stack"))
                : LoaderOutcome.Faulted(kind, null, ex.Message);
        }
        catch (ExecutionCanceledException)
        {
            return LoaderOutcome.Faulted(RunErrorKind.Timeout, "TimeoutError", "The run's deadline passed.");
        }
    }

    /// <summary>Runs the same options twice on the same loader (fresh engines) and returns both outcomes.</summary>
    public (LoaderOutcome First, LoaderOutcome Second) RunTwice(RunOptions run) => (Run(run), Run(run));

    private static LoaderOutcome Call(Engine engine, JsValue exports, RunOptions run)
    {
        if (exports is not ObjectInstance exported || exported.Get(run.FuncName ?? "") is not Function function)
        {
            return LoaderOutcome.Faulted(RunErrorKind.FunctionNotFound, "Error", $"No function '{run.FuncName}'");
        }

        var args = run.Args is JsonArray array
            ? array.Select(a => a is null ? JsValue.Null : new JsonParser(engine).Parse(a.ToJsonString())).ToArray()
            : [];
        var result = engine.Call(function, exports, args).UnwrapIfPromise();
        var json = new JsonSerializer(engine).Serialize(result);
        return LoaderOutcome.Completed(json.IsUndefined() ? null : json.AsString());
    }

    private static string? Text(ObjectInstance error, string property) =>
        error.Get(property) is { } value && !value.IsUndefined() ? value.ToString() : null;
}
