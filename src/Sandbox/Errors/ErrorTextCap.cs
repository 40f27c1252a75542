using System.Globalization;
using System.Text;

namespace IsolatedRuntime.Sandbox.Errors;

/// <summary>
/// Cuts the text of a run's error to size, as results and console output are: <c>throw new Error('M'.repeat(3e7))</c>
/// must not become a 60 MB outcome, a message on the broker and an entry in the result store.
/// </summary>
internal static class ErrorTextCap
{
    /// <summary>Longest error name kept, in characters: names are identifiers such as <c>ValidationError</c>.</summary>
    public const int MaxNameCharacters = 200;

    /// <summary>
    /// <paramref name="text"/> when it fits in <paramref name="maxBytes"/> UTF-8 bytes; else its start, ending with
    /// <c>… [N more characters]</c>. Reads only as much of the text as it keeps.
    /// </summary>
    public static string Cut(string text, int maxBytes)
    {
        if (text.Length * 3L <= maxBytes)
        {
            return text;
        }

        var room = maxBytes - 40;
        var bytes = 0;
        var kept = 0;
        while (kept < text.Length)
        {
            var width = char.IsSurrogatePair(text, kept) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(kept, width));
            if (bytes + size > room)
            {
                break;
            }

            bytes += size;
            kept += width;
        }

        return kept == text.Length
            ? text
            : string.Concat(text.AsSpan(0, kept), string.Create(CultureInfo.InvariantCulture, $"… [{text.Length - kept} more characters]"));
    }

    /// <summary>An error name cut to <see cref="MaxNameCharacters"/>.</summary>
    public static string Name(string name) =>
        name.Length <= MaxNameCharacters ? name : string.Concat(name.AsSpan(0, MaxNameCharacters), "…");
}
