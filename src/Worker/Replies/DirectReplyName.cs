using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace IsolatedRuntime.Worker.Replies;

/// <summary>
/// A RabbitMQ direct reply-to name, <c>amq.rabbitmq.reply-to.&lt;pid&gt;.&lt;key&gt;</c>: the pid part is the Erlang
/// term of the requester's channel process, whose node name the broker (3.10 and later) replaces by
/// <c>reply@&lt;hash of the node&gt;</c>. Read here because RabbitMQ before 3.12 closes the whole connection of
/// whoever publishes to a name it cannot decode or whose node hash it does not know (INTERNAL_ERROR 541), so the
/// worker checks a name before it answers to it.
/// </summary>
internal static class DirectReplyName
{
    /// <summary>The pseudo-queue a requester consumes from; the broker rewrites it to a full name on publish.</summary>
    public const string Prefix = "amq.rabbitmq.reply-to";

    private const byte _termPrefix = 131;
    private const byte _newPidExt = 88;
    private const byte _pidExt = 103;
    private const byte _atomUtf8Ext = 118;
    private const byte _smallAtomUtf8Ext = 119;

    /// <summary>True when <paramref name="name"/> is a full direct reply-to name (not the bare pseudo-queue).</summary>
    public static bool IsDirectReply(string name) => name.StartsWith(Prefix + ".", StringComparison.Ordinal);

    /// <summary>
    /// Reads the node hash out of a direct reply-to name as RabbitMQ 3.10+ issues it; null when the name is not one
    /// (with the reason in <paramref name="problem"/>).
    /// </summary>
    public static long? NodeHash(string name, out string problem)
    {
        problem = "";
        var parts = name[(Prefix.Length + 1)..].Split('.');
        if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            problem = "it is not <pid>.<key>";
            return null;
        }

        var buffer = new byte[parts[0].Length];
        if (!Convert.TryFromBase64String(parts[0], buffer, out var length))
        {
            problem = "its pid part is not base64";
            return null;
        }

        var term = buffer.AsSpan(0, length);
        if (term.Length < 4 || term[0] != _termPrefix || term[1] is not (_newPidExt or _pidExt))
        {
            problem = "its pid part is not an Erlang pid";
            return null;
        }

        var (nodeLength, nodeStart) = term[2] switch
        {
            _atomUtf8Ext when term.Length >= 5 => (BinaryPrimitives.ReadUInt16BigEndian(term[3..]), 5),
            _smallAtomUtf8Ext => (term[3], 4),
            _ => (-1, 0),
        };
        var idLength = term[1] == _newPidExt ? 12 : 9;
        if (nodeLength < 0 || term.Length != nodeStart + nodeLength + idLength)
        {
            problem = "its pid part is not an Erlang pid";
            return null;
        }

        var node = Encoding.UTF8.GetString(term.Slice(nodeStart, nodeLength));
        const string replyNode = "reply@";
        if (!node.StartsWith(replyNode, StringComparison.Ordinal) ||
            !long.TryParse(node.AsSpan(replyNode.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var hash))
        {
            problem = "its pid names no reply@<hash> node (an older broker's format)";
            return null;
        }

        return hash;
    }
}
