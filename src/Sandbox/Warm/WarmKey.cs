using IsolatedRuntime.Sandbox.Limits;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// Everything that changes what a run's <c>require</c> returns or how its engine is built: two runs share a warm
/// engine only when every part is equal. Inline sources are compared by their whole text, never by a hash alone,
/// so one tenant cannot craft sources that collide with another's.
/// </summary>
internal sealed class WarmKey : IEquatable<WarmKey>
{
    private readonly string? _root;
    private readonly KeyValuePair<string, string>[] _sources;
    private readonly string _file;
    private readonly string[] _external;
    private readonly string[] _whitelist;
    private readonly string? _resolverOptions;
    private readonly RunLimits _limits;
    private readonly int _hash;

    private WarmKey(RunOptions run, RunLimits limits)
    {
        _root = run.Root is null ? null : Path.GetFullPath(run.Root);
        _sources = run.Sources is null ? [] : [.. run.Sources.OrderBy(s => s.Key, StringComparer.Ordinal)];
        _file = run.File ?? "";
        _external = [.. run.External ?? []];
        _whitelist = [.. run.WhitelistedPaths ?? []];
        _resolverOptions = run.ResolverOptions?.ToJsonString();
        _limits = limits;

        var hash = new HashCode();
        hash.Add(_root, StringComparer.Ordinal);
        foreach (var (path, text) in _sources)
        {
            hash.Add(path, StringComparer.Ordinal);
            hash.Add(text, StringComparer.Ordinal);
        }

        hash.Add(_file, StringComparer.Ordinal);
        Array.ForEach(_external, e => hash.Add(e, StringComparer.Ordinal));
        Array.ForEach(_whitelist, w => hash.Add(w, StringComparer.Ordinal));
        hash.Add(_resolverOptions, StringComparer.Ordinal);
        hash.Add(_limits);
        _hash = hash.ToHashCode();
    }

    /// <summary>The key of <paramref name="run"/> under its effective <paramref name="limits"/>.</summary>
    public static WarmKey For(RunOptions run, RunLimits limits) => new(run, limits);

    /// <summary>The entry module, as the runs name it.</summary>
    public string File => _file;

    /// <summary>The effective limits the key's engines are built with.</summary>
    public RunLimits Limits => _limits;

    public bool Equals(WarmKey? other) =>
        other is not null
        && _hash == other._hash
        && string.Equals(_root, other._root, StringComparison.Ordinal)
        && string.Equals(_file, other._file, StringComparison.Ordinal)
        && string.Equals(_resolverOptions, other._resolverOptions, StringComparison.Ordinal)
        && _limits == other._limits
        && _external.SequenceEqual(other._external, StringComparer.Ordinal)
        && _whitelist.SequenceEqual(other._whitelist, StringComparer.Ordinal)
        && _sources.SequenceEqual(other._sources);

    public override bool Equals(object? obj) => Equals(obj as WarmKey);

    public override int GetHashCode() => _hash;
}
