using System.Text.Json.Nodes;
using IsolatedRuntime.Sandbox.Modules.Hooks;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Modules.Operators;

/// <summary>An operator's JavaScript module, loaded in an engine of its own.</summary>
internal sealed class OperatorModule(Engine engine, JsValue exports)
{
    public JsValue Exports => exports;

    /// <summary>Calls <paramref name="function"/> with <paramref name="arguments"/>.</summary>
    /// <exception cref="OperatorFailureException">It threw.</exception>
    public JsValue Call(JsValue function, params JsValue[] arguments) =>
        Guard(() => engine.Call(function, JsValue.Undefined, arguments));

    /// <summary>A copy of <paramref name="json"/> in this module's engine; undefined for null.</summary>
    public JsValue FromJson(JsonNode? json) =>
        json is null ? JsValue.Undefined : Guard(() => new JsonParser(engine).Parse(json.ToJsonString()));

    /// <summary>Runs <paramref name="action"/>, turning whatever the operator's code throws into its failure.</summary>
    public static JsValue Guard(Func<JsValue> action)
    {
        try
        {
            return action();
        }
        catch (JavaScriptException ex)
        {
            throw new OperatorFailureException(Describe(ex), ex);
        }
        catch (Exception ex) when (ex is not OperatorFailureException && !OperatorFailureException.IsRunBudget(ex))
        {
            throw new OperatorFailureException(ex.Message, ex);
        }
    }

    /// <summary>How a value is named in a failure message: <c>a number</c>, <c>undefined</c>…</summary>
    public static string DescribeType(JsValue value) => value.Type switch
    {
        Types.Undefined => "undefined",
        Types.Null => "null",
        Types.Object => "an object",
        _ => "a " + value.Type.ToString().ToLowerInvariant(),
    };

    private static string Describe(JavaScriptException exception)
    {
        try
        {
            if (exception.Error is ObjectInstance error)
            {
                var name = TypeConverter.ToString(error.Get("name"));
                var message = TypeConverter.ToString(error.Get("message"));
                return message.Length == 0 ? name : $"{name}: {message}";
            }

            return "it threw " + TypeConverter.ToString(exception.Error);
        }
        catch (Exception ex) when (!OperatorFailureException.IsRunBudget(ex))
        {
            return exception.Message;
        }
    }
}
