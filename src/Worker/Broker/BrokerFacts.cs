using System.Collections.Concurrent;
using IsolatedRuntime.Worker.Replies;

namespace IsolatedRuntime.Worker.Broker;

/// <summary>
/// What the worker knows about its broker beyond what MassTransit needs: its version, the node hashes of the direct
/// reply-to names it issues, and which outcome exchanges cannot be published to (and why). Learned by
/// <see cref="BrokerCheck"/> on a connection of its own, and corrected when a publish fails.
/// </summary>
internal sealed class BrokerFacts : IDisposable
{
    // RabbitMQ 3.12 answers a direct reply-to name it cannot decode by dropping the message; 3.10 and 3.11 close the
    // publisher's connection (rabbit_direct_reply_to:decode_reply_to_v2 without a catch).
    private static readonly Version _safeDirectReplyBroker = new(3, 12);

    private readonly ConcurrentDictionary<long, bool> _replyNodes = new();
    private readonly ConcurrentDictionary<string, string> _unusableExchanges = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _recheck = new(0, 1);

    /// <summary>The broker's version, once a check has connected.</summary>
    public Version? BrokerVersion { get; private set; }

    /// <summary>True once a check has connected and looked at everything.</summary>
    public bool Checked { get; private set; }

    /// <summary>True while an outcome exchange cannot be published to.</summary>
    public bool HasUnusableExchange => !_unusableExchanges.IsEmpty;

    /// <summary>Records what a check found.</summary>
    public void Record(Version? version, long? replyNode, IReadOnlyDictionary<string, string?> exchanges)
    {
        BrokerVersion = version;
        if (replyNode is { } node)
        {
            _replyNodes[node] = true;
        }

        foreach (var (exchange, problem) in exchanges)
        {
            if (problem is null)
            {
                _unusableExchanges.TryRemove(exchange, out _);
            }
            else
            {
                _unusableExchanges[exchange] = problem;
            }
        }

        Checked = true;
    }

    /// <summary>Why outcomes cannot be published to <paramref name="exchange"/> right now; null when they can.</summary>
    public string? ExchangeProblem(string exchange) => _unusableExchanges.TryGetValue(exchange, out var problem) ? problem : null;

    /// <summary>A publish to <paramref name="exchange"/> failed: stop publishing to it until a check finds it usable.</summary>
    public void ExchangeFailed(string exchange, string problem)
    {
        _unusableExchanges[exchange] = problem;
        RequestCheck();
    }

    /// <summary>Asks the broker check to run again soon.</summary>
    public void RequestCheck()
    {
        if (_recheck.CurrentCount == 0)
        {
            try
            {
                _recheck.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another caller asked at the same moment; one check serves both.
            }
        }
    }

    /// <summary>Waits until a check is requested or <paramref name="interval"/> passes.</summary>
    public Task WaitForCheckRequestAsync(TimeSpan interval, CancellationToken cancellationToken) =>
        _recheck.WaitAsync(interval, cancellationToken);

    public void Dispose() => _recheck.Dispose();

    /// <summary>
    /// True when an answer may be published to the direct reply-to name <paramref name="name"/> without risking the
    /// worker's connection; otherwise <paramref name="problem"/> says why not.
    /// </summary>
    public bool AcceptsDirectReply(string name, out string problem)
    {
        var hash = DirectReplyName.NodeHash(name, out problem);
        if (hash is null)
        {
            problem = $"'{name}' is not a direct reply-to name a broker issued: {problem}";
            return false;
        }

        if ((BrokerVersion is not { } version || version < _safeDirectReplyBroker) && !_replyNodes.ContainsKey(hash.Value))
        {
            problem = $"'{name}' names a broker node this worker does not know (RabbitMQ {BrokerVersion?.ToString() ?? "of unknown version"} " +
                "closes the connection of whoever answers to such a name; 3.12 and later drop the answer instead)";
            return false;
        }

        problem = "";
        return true;
    }
}
