using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.RunState;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Modules.Runtime;

/// <summary>
/// Builds the JavaScript errors the module system throws in a run's engine. Each is an ordinary, catchable error
/// (as in Node), tagged in <see cref="RunFaultTags"/> so that, if nothing catches it, the run faults with its kind.
/// </summary>
internal sealed class ModuleErrors(Engine engine, RunFaultTags tags)
{
    private const int _maxEchoedRequestLength = 200;
    private const string _notFoundCode = "MODULE_NOT_FOUND";

    private ObjectInstance? _syntaxErrorPrototype;

    /// <summary><c>Cannot find module 'x'</c>, optionally followed by why.</summary>
    public JavaScriptException NotFound(string request, string? detail = null) =>
        Throw(
            Error($"Cannot find module '{Echo(request)}'{(detail is null ? "" : ": " + detail)}", _notFoundCode),
            RunErrorKind.ModuleNotFound);

    /// <summary>The operator's resolver threw or answered nonsense for <paramref name="request"/>.</summary>
    public JavaScriptException ResolverFailed(string request, string detail) =>
        Throw(Error($"The module resolver failed for '{Echo(request)}': {detail}", _notFoundCode), RunErrorKind.ModuleNotFound);

    /// <summary>The operator's compiler threw or answered nonsense for the module <paramref name="name"/>.</summary>
    public JavaScriptException CompilerFailed(string name, string detail) =>
        Syntax($"The compiler failed for '{name}': {detail}");

    /// <summary>A module does not parse; <paramref name="message"/> names its file, line and column.</summary>
    public JavaScriptException Syntax(string message)
    {
        var error = engine.Intrinsics.Error.Construct(message);
        if (SyntaxErrorPrototype() is { } prototype)
        {
            error.Prototype = prototype;
        }

        return Throw(error, RunErrorKind.SyntaxError);
    }

    /// <summary>The entry ES module does not export a function named <paramref name="funcName"/>.</summary>
    public JavaScriptException ExportNotFound(string funcName, string file, JsValue found)
    {
        var what = found.IsUndefined() ? "does not export it" : $"exports it as {(found.IsNull() ? "null" : found.Type.ToString().ToLowerInvariant())}, not a function";
        var shown = Echo(funcName);
        var error = engine.Intrinsics.TypeError.Construct(
            $"Function '{shown}' was not found: {file} {what}. Export it with export function {(IsIdentifier(funcName) ? funcName : "name")}(...) {{ ... }}"
            + (funcName == "default" ? " or export default function (...) { ... }." : "."));
        return Throw(error, RunErrorKind.FunctionNotFound);
    }

    /// <summary><c>require</c> of an ES module that is still awaiting at its top level.</summary>
    public JavaScriptException RequireAsync(string request, string file) =>
        Throw(
            Error(
                $"Cannot require '{Echo(request)}': {file} uses top-level await, so it cannot be loaded synchronously; load it with import() instead.",
                "ERR_REQUIRE_ASYNC_MODULE"),
            RunErrorKind.UserError);

    /// <summary><c>require</c> of an ES module from CommonJS code that the same module's import graph is loading.</summary>
    public JavaScriptException RequireCycle(string request, string file) =>
        Throw(
            Error(
                $"Cannot require '{Echo(request)}': {file} is an ES module whose imports are still loading, and CommonJS modules imported by ES modules run while those load; import it instead of requiring it.",
                "ERR_REQUIRE_CYCLE_MODULE"),
            RunErrorKind.UserError);

    /// <summary>A module file is over <see cref="SandboxOptions.MaxSourceBytes"/>.</summary>
    public JavaScriptException TooLarge(string name, int limit) =>
        Throw(
            Error(
                $"The module '{name}' is larger than the {limit}-byte limit per source file "
                + "(SandboxOptions.MaxSourceBytes); split it into smaller modules.",
                "ERR_SOURCE_TOO_LARGE"),
            RunErrorKind.InvalidRequest);

    /// <summary>Script passed <c>require</c> something other than a non-empty string: the script's own mistake.</summary>
    public static JavaScriptException InvalidArgument(Engine engine, string message, string code)
    {
        var error = engine.Intrinsics.TypeError.Construct(message);
        error.Set("code", code);
        return new JavaScriptException(error);
    }

    private static bool IsIdentifier(string name) =>
        name.Length is > 0 and <= 64 && (char.IsLetter(name[0]) || name[0] is '_' or '$')
        && name.All(c => char.IsLetterOrDigit(c) || c is '_' or '$');

    private static string Echo(string request) =>
        request.Length <= _maxEchoedRequestLength ? request : string.Concat(request.AsSpan(0, _maxEchoedRequestLength), "…");

    private ObjectInstance Error(string message, string code)
    {
        var error = engine.Intrinsics.Error.Construct(message);
        error.Set("code", code);
        return error;
    }

    private JavaScriptException Throw(ObjectInstance error, RunErrorKind kind)
    {
        tags.Tag(error, kind);
        return new JavaScriptException(error);
    }

    // Jint exposes no SyntaxError constructor to hosts, and the global one may have been replaced by the run's
    // context or code. A JSON parse failure is raised by the engine's own, untouched intrinsic: borrow its prototype.
    private ObjectInstance? SyntaxErrorPrototype()
    {
        if (_syntaxErrorPrototype is null)
        {
            try
            {
                new JsonParser(engine).Parse("{");
            }
            catch (JavaScriptException ex) when (ex.Error is ObjectInstance error)
            {
                _syntaxErrorPrototype = error.Prototype;
            }
        }

        return _syntaxErrorPrototype;
    }
}
