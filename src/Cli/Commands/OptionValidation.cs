using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace IsolatedRuntime.Cli.Commands;

/// <summary>Option parsing and validation shared by the commands; each error names the option and a value that works.</summary>
internal static class OptionValidation
{
    public static Option<string> NotEmpty(this Option<string> option, string example)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.Tokens.Count > 0 ? result.Tokens[^1].Value : null))
            {
                result.AddError($"{option.Name} must not be empty. Example: {option.Name} {example}");
            }
        });
        return option;
    }

    /// <summary>A whole number greater than zero; anything else is a usage error rather than a parser exception.</summary>
    public static Option<T?> PositiveInteger<T>(string name, string description, string helpName, string example)
        where T : struct, IBinaryInteger<T>
    {
        var option = new Option<T?>(name) { Description = description, HelpName = helpName };
        option.CustomParser = result => ParsePositive<T>(result, name, example);
        return option;
    }

    private static T? ParsePositive<T>(ArgumentResult result, string name, string example)
        where T : struct, IBinaryInteger<T>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (!T.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} must be a whole number, not '{text}'. Example: {name} {example}");
            return null;
        }

        if (value <= T.Zero)
        {
            result.AddError($"{name} must be greater than zero, not {value}. Example: {name} {example}");
            return null;
        }

        return value;
    }
}
