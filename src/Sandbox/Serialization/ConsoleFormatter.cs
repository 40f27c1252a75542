using System.Text;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Serialization;

/// <summary>
/// Formats the arguments of a <c>console</c> call as Node's <c>util.format</c> does: a leading string may hold
/// <c>%s %d %i %f %j %o %O %c %%</c> placeholders; other arguments follow, separated by spaces, strings raw and
/// everything else inspected. Output stops at a character budget.
/// </summary>
internal static class ConsoleFormatter
{
    public static string Format(JsValue[] args, int budget)
    {
        if (args.Length == 0)
        {
            return "";
        }

        var output = new StringBuilder();
        var next = 0;
        if (args[0].IsString())
        {
            next = Interpolate(args, output, budget);
        }

        for (var i = next; i < args.Length && output.Length < budget; i++)
        {
            if (i > 0)
            {
                output.Append(' ');
            }

            output.Append(ValueInspector.ToDisplayString(args[i], budget - output.Length, runHooks: true));
        }

        return output.Length > budget ? output.ToString(0, budget) : output.ToString();
    }

    // Expands the placeholders of args[0]; returns the index of the first argument it did not consume.
    private static int Interpolate(JsValue[] args, StringBuilder output, int budget)
    {
        var format = args[0].AsString();
        var next = 1;
        var last = 0;
        for (var i = 0; i < format.Length - 1 && output.Length < budget; i++)
        {
            if (format[i] != '%')
            {
                continue;
            }

            var code = format[i + 1];
            if (code == '%')
            {
                output.Append(format, last, i - last).Append('%');
                last = i + 2;
                i++;
                continue;
            }

            if (next >= args.Length || !IsPlaceholder(code))
            {
                continue;
            }

            output.Append(format, last, i - last);
            output.Append(Expand(code, args[next++], budget - output.Length));
            last = i + 2;
            i++;
        }

        if (last < format.Length)
        {
            output.Append(format, last, Math.Min(format.Length - last, Math.Max(0, budget - output.Length)));
        }

        return next;
    }

    private static bool IsPlaceholder(char code) => code is 's' or 'd' or 'i' or 'f' or 'j' or 'o' or 'O' or 'c';

    private static string Expand(char code, JsValue value, int budget) => code switch
    {
        's' => ValueInspector.ToDisplayString(value, budget, runHooks: true),
        'd' => FormatNumber(value, integer: false),
        'i' => FormatNumber(value, integer: true),
        'f' => value.IsObject() || value.IsSymbol() ? "NaN" : Number(TypeConverter.ToNumber(value)),
        'j' => Json(value, budget),
        'c' => "",
        _ => ValueInspector.Inspect(value, budget, runHooks: true),
    };

    private static string FormatNumber(JsValue value, bool integer)
    {
        if (value.IsBigInt())
        {
            return value + "n";
        }

        // Objects would run user valueOf code; Node's output for them is NaN in practice.
        if (value.IsObject() || value.IsSymbol())
        {
            return "NaN";
        }

        var number = TypeConverter.ToNumber(value);
        return Number(integer ? Math.Truncate(number) : number);
    }

    private static string Number(double number) =>
        number == 0 && double.IsNegative(number) ? "-0" : TypeConverter.ToString(JsNumber.Create(number));

    private static string Json(JsValue value, int budget)
    {
        try
        {
            return JsToJson.Stringify(value, budget) ?? "undefined";
        }
        catch (ResultNotSerializableException)
        {
            return "[Circular]";
        }
    }
}
