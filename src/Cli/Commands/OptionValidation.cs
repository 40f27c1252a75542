using System.CommandLine;

namespace IsolatedRuntime.Cli.Commands;

/// <summary>Validators shared by the commands' options; each error names the option and a value that works.</summary>
internal static class OptionValidation
{
    public static Option<string> NotEmpty(this Option<string> option, string example)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{option.Name} must not be empty. Example: {option.Name} {example}");
            }
        });
        return option;
    }

    public static Option<T?> Positive<T>(this Option<T?> option, string example)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is { } value && value.CompareTo(default) <= 0)
            {
                result.AddError($"{option.Name} must be greater than zero, not {value}. Example: {option.Name} {example}");
            }
        });
        return option;
    }

    public static Option<T> Positive<T>(this Option<T> option, string example)
        where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value.CompareTo(default) <= 0)
            {
                result.AddError($"{option.Name} must be greater than zero, not {value}. Example: {option.Name} {example}");
            }
        });
        return option;
    }
}
