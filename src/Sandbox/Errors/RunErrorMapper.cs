using System.Globalization;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Limits;
using IsolatedRuntime.Sandbox.RunState;
using IsolatedRuntime.Sandbox.Serialization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Errors;

/// <summary>
/// Decides the <see cref="RunErrorKind"/>, name, message and sanitized stack of every way a run can fail. Messages
/// name the function, the file and the limit that was hit; they never carry a host path or a .NET type name.
/// </summary>
internal static class RunErrorMapper
{
    internal const string StackGuardMessage = "Maximum call stack size exceeded";

    /// <summary>Maps an exception that escaped a turn of <paramref name="run"/>.</summary>
    /// <param name="exception">What escaped.</param>
    /// <param name="run">The run it escaped from.</param>
    /// <param name="callerCanceled">True when the caller canceled, so a cancellation is not a timeout.</param>
    /// <param name="unexpected">Set when the exception is a fault of the runtime, to be logged by the caller.</param>
    public static RunError FromException(Exception exception, RunContext run, bool callerCanceled, out bool unexpected)
    {
        unexpected = false;
        switch (exception)
        {
            case JavaScriptException js when RaisedWhileReadingTheThrownValue(js):
                return UnreadableThrow(js, run);
            case JavaScriptException js:
                return FromThrown(js.Error, js.JavaScriptStackTrace, run, "Uncaught ");
            case ResultNotSerializableException result:
                return new RunError(
                    RunErrorKind.ResultNotSerializable,
                    result.ErrorName,
                    $"The result of {Subject(run)} cannot be sent as JSON: {result.Message}",
                    null);
            case ExecutionCanceledException or OperationCanceledException or TimeoutException or System.Text.RegularExpressions.RegexMatchTimeoutException:
                return callerCanceled ? Canceled(run) : Timeout(run, Frames(exception, run));
            case CpuBudgetExceededException:
                return callerCanceled ? Canceled(run) : CpuLimit(run, Frames(exception, run));
            case RecursionDepthOverflowException:
                return Recursion(run, Frames(exception, run));
            case MemoryLimitExceededException:
                return MemoryLimit(run, Frames(exception, run));
            case InsufficientExecutionStackException:
                return Recursion(run, Frames(exception, run));
            default:
                unexpected = true;
                return Internal(run);
        }
    }

    // Jint probes a thrown object (its 'stack', its 'message') as the throw leaves a function; when the probe fails (a
    // revoked proxy, a trap that throws) the probe's error replaces the thrown value. The value itself is gone, so the
    // outcome says what happened rather than passing off the engine's error as the script's.
    private static bool RaisedWhileReadingTheThrownValue(JavaScriptException exception) =>
        exception.StackTrace is { } trace
        && (trace.Contains("Jint.Runtime.JavaScriptException.SetJavaScriptCallstack(", StringComparison.Ordinal)
            || trace.Contains("Jint.Runtime.JavaScriptException..ctor(JsValue", StringComparison.Ordinal));

    private static RunError UnreadableThrow(JavaScriptException exception, RunContext run)
    {
        var (name, message) = exception.Error is ObjectInstance error ? NameAndMessage(error, run) : ("Error", exception.Message);
        var text = message.Contains("on a proxy that has been revoked", StringComparison.Ordinal)
            ? "Uncaught <Revoked Proxy>"
            : $"Uncaught an object whose message could not be read ({name}: {message})";
        return new RunError(RunErrorKind.UserError, "Error", text, null);
    }

    /// <summary>Maps the reason a run's returned promise rejected with.</summary>
    public static RunError FromRejection(JsValue reason, RunContext run) =>
        FromThrown(reason, null, run, "Promise rejected with ");

    /// <summary>The entry module does not export a function named <see cref="RunOptions.FuncName"/>.</summary>
    public static RunError FunctionNotFound(RunContext run, JsValue found)
    {
        var what = found.IsUndefined() ? "does not export it" : "exports it as " + Describe(found) + ", not a function";
        return new RunError(
            RunErrorKind.FunctionNotFound,
            "TypeError",
            $"Function '{Shown(run.Run.FuncName)}' was not found: {run.Run.File} {what}. Export it with module.exports.{SafeName(run.Run.FuncName)} = function (...) {{ ... }}.",
            null);
    }

    /// <summary>The returned promise is pending and nothing left in the run can ever settle it.</summary>
    public static RunError NeverSettles(RunContext run) => new(
        RunErrorKind.UserError,
        "Error",
        $"{Subject(run)} returned a promise that can never settle: no timers or pending jobs remain. Resolve or reject it, or keep a timer running until it does.",
        null);

    /// <summary>The run's wall-clock budget was spent.</summary>
    public static RunError Timeout(RunContext run, string? stack = null) => new(
        RunErrorKind.Timeout,
        "TimeoutError",
        $"{Subject(run)} ran past its {Milliseconds(run.Limits.Timeout)} ms budget",
        stack);

    /// <summary>The run used more CPU time than its CPU budget, over all its turns.</summary>
    public static RunError CpuLimit(RunContext run, string? stack = null) => new(
        RunErrorKind.CpuLimit,
        "CpuLimitError",
        $"{Subject(run)} used more than its {Milliseconds(run.Limits.CpuBudget ?? TimeSpan.Zero)} ms CPU budget",
        stack);

    /// <summary>A batch item not run because item <paramref name="failedItem"/> faulted and the batch stops on the first failure.</summary>
    public static RunError Skipped(RunContext run, int failedItem, RunErrorKind failedKind) => new(
        RunErrorKind.Skipped,
        "SkippedError",
        string.Create(
            CultureInfo.InvariantCulture,
            $"Not run: item {failedItem} of the batch calling {Subject(run)} failed first ({failedKind}) and the batch stops on the first failure"),
        null);

    /// <summary>The caller gave up on the run.</summary>
    public static RunError Canceled(RunContext run) => new(
        RunErrorKind.Canceled,
        "CanceledError",
        $"{Subject(run)} was canceled by the caller before it finished",
        null);

    /// <summary>A fault of the runtime itself; details go to the log, never to the caller.</summary>
    public static RunError Internal(RunContext run) => new(
        RunErrorKind.Internal,
        "InternalError",
        $"The sandbox failed unexpectedly while running {Subject(run)}. This is not caused by the code; retry, and report it if it persists.",
        null);

    /// <summary><c>'f' in index.js</c>: how every message names the run.</summary>
    public static string Subject(RunContext run) => $"'{Shown(run.Run.FuncName)}' in {Shown(run.Run.File)}";

    // Names come from the request: cut absurdly long ones so a message stays a message.
    private static string Shown(string? name) =>
        name is null ? "" : name.Length <= 120 ? name : string.Concat(name.AsSpan(0, 120), "…");

    private static RunError Recursion(RunContext run, string? stack) => new(
        RunErrorKind.RecursionLimit,
        "RangeError",
        $"{StackGuardMessage}: {Subject(run)} nested calls deeper than the limit of {run.Limits.MaxRecursionDepth.ToString(CultureInfo.InvariantCulture)}",
        stack);

    private static RunError MemoryLimit(RunContext run, string? stack) => new(
        RunErrorKind.MemoryLimit,
        "MemoryLimitError",
        $"{Subject(run)} used more than its {Megabytes(run.Limits.MemoryLimitBytes)} memory budget",
        stack);

    private static RunError FromThrown(JsValue thrown, string? throwStack, RunContext run, string nonErrorPrefix)
    {
        try
        {
            if (run.FaultTags.TryGetKind(thrown, out var tagged))
            {
                var (tagName, tagMessage) = NameAndMessage(thrown.AsObject(), run);
                return new RunError(tagged, tagName, tagMessage, null);
            }

            if (thrown is JsError error)
            {
                var (name, message) = NameAndMessage(error, run);
                if (name == "RangeError" && message == StackGuardMessage)
                {
                    return Recursion(run, StackOf(error, throwStack, run));
                }

                var frames = StackOf(error, throwStack, run);
                var header = string.IsNullOrEmpty(message) ? name : name + ": " + message;
                return new RunError(RunErrorKind.UserError, name, message, ErrorTextCap.Cut(frames is null ? header : header + "\n" + frames, run.MaxErrorBytes));
            }

            var text = nonErrorPrefix + Describe(thrown);
            var stack = StackSanitizer.Sanitize(throwStack, run.Run.Root);
            return new RunError(RunErrorKind.UserError, "Error", text, stack is null ? null : text + "\n" + stack);
        }
        catch (Exception e) when (e is JintException or InvalidOperationException)
        {
            // Reading the thrown value ran user code (a proxy trap, a getter) that failed in turn.
            return new RunError(RunErrorKind.UserError, "Error", nonErrorPrefix + "a value that could not be read", null);
        }
    }

    // Cut as soon as they are read: a 60 MB message must not be copied into a header, a stack and an outcome.
    private static (string Name, string Message) NameAndMessage(ObjectInstance error, RunContext run) =>
        (ErrorTextCap.Name(ValueInspector.DataString(error, "name") ?? "Error"),
         ErrorTextCap.Cut(ValueInspector.DataString(error, "message") ?? "", run.MaxErrorBytes));

    private static string? StackOf(ObjectInstance error, string? throwStack, RunContext run) =>
        StackSanitizer.Sanitize(ValueInspector.StackText(error) ?? throwStack, run.Run.Root) is { } frames
            ? ErrorTextCap.Cut(frames, run.MaxErrorBytes)
            : null;

    private static string? Frames(Exception exception, RunContext run) =>
        JintException.TryGetJavaScriptCallStack(exception, out var stack) ? StackSanitizer.Sanitize(stack, run.Run.Root) : null;

    private static string Describe(JsValue value) => ValueInspector.Inspect(value, 200);

    private static string SafeName(string? name) =>
        name is not null && name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '$') ? name : "fn";

    private static string Milliseconds(TimeSpan span) => ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => bytes % (1024 * 1024) == 0
        ? (bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture) + " MB"
        : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
}
