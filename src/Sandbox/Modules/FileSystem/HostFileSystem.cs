using System.Text;
using IsolatedRuntime.Sandbox.Modules.Compilation;
using Microsoft.Extensions.Caching.Memory;

namespace IsolatedRuntime.Sandbox.Modules.FileSystem;

/// <summary>
/// The sandbox's only window on the host disk: what a path names after following its links, and the text of
/// module files. Both are cached for <see cref="SandboxOptions.SourceCacheRevalidateInterval"/>, so a hot module
/// costs a dictionary lookup rather than system calls; after the interval the disk is asked again.
/// </summary>
internal sealed class HostFileSystem
{
    // Linux gives up after 40 links (ELOOP); so do we, and treat the path as missing.
    private const int _maxLinkHops = 40;
    private const int _entryOverheadBytes = 96;

    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly IMemoryCache _cache;
    private readonly TimeSpan _revalidateInterval;

    public HostFileSystem(IMemoryCache cache, TimeSpan revalidateInterval)
    {
        _cache = cache;
        _revalidateInterval = revalidateInterval;
    }

    private bool Caches => _revalidateInterval > TimeSpan.Zero;

    /// <summary>What <paramref name="fullPath"/> (absolute, lexically normalized) names once its links are followed.</summary>
    public HostEntry Probe(string fullPath) => Probe(fullPath, 0);

    /// <summary>
    /// The text of the file <paramref name="file"/> names, decoded as UTF-8 without its byte-order mark; null when
    /// it cannot be read, <see cref="SourceText.TooLarge"/> when it holds more than <paramref name="maxBytes"/> bytes.
    /// </summary>
    public SourceText? ReadText(HostEntry file, int maxBytes)
    {
        var key = new TextKey(file.RealPath);
        if (Caches && _cache.TryGetValue(key, out SourceText? cached))
        {
            return cached;
        }

        var text = file.Length > maxBytes ? SourceText.TooLarge : ReadFile(file.RealPath, maxBytes);
        if (text is not null && text != SourceText.TooLarge && Caches)
        {
            _cache.Set(key, text, Expiring(((long)text.Text.Length * 2) + _entryOverheadBytes));
        }

        return text;
    }

    private static SourceText? ReadFile(string path, int maxBytes)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > maxBytes)
            {
                return SourceText.TooLarge;
            }

            var bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
            var start = bytes.AsSpan().StartsWith(_utf8.Preamble) ? _utf8.Preamble.Length : 0;
            return new SourceText(_utf8.GetString(bytes, start, bytes.Length - start));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private HostEntry Probe(string fullPath, int hops)
    {
        var key = new ProbeKey(fullPath);
        if (Caches && _cache.TryGetValue(key, out HostEntry? cached))
        {
            return cached!;
        }

        var entry = Inspect(fullPath, hops);
        if (Caches && hops == 0)
        {
            _cache.Set(key, entry, Expiring(((long)(fullPath.Length + entry.RealPath.Length) * 2) + _entryOverheadBytes));
        }

        return entry;
    }

    private HostEntry Inspect(string fullPath, int hops)
    {
        var parent = Path.GetDirectoryName(fullPath);
        if (parent is null)
        {
            return new HostEntry(HostEntryKind.Directory, fullPath, 0);
        }

        // The parent is resolved first, so a link anywhere along the path is followed, not only a final one.
        var parentEntry = Probe(parent, hops);
        return parentEntry.IsDirectory
            ? Follow(Path.Join(parentEntry.RealPath, Path.GetFileName(fullPath)), hops)
            : HostEntry.Missing;
    }

    private HostEntry Follow(string candidate, int hops)
    {
        try
        {
            var info = new FileInfo(candidate);
            if (info.LinkTarget is { } target)
            {
                return hops >= _maxLinkHops
                    ? HostEntry.Missing
                    : Probe(Path.GetFullPath(target, Path.GetDirectoryName(candidate)!), hops + 1);
            }

            if (info.Exists)
            {
                return new HostEntry(HostEntryKind.File, candidate, info.Length);
            }

            return Directory.Exists(candidate) ? new HostEntry(HostEntryKind.Directory, candidate, 0) : HostEntry.Missing;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return HostEntry.Missing;
        }
    }

    private MemoryCacheEntryOptions Expiring(long size) => new()
    {
        Size = size,
        AbsoluteExpirationRelativeToNow = _revalidateInterval,
    };

    private readonly record struct ProbeKey(string Path);

    private readonly record struct TextKey(string RealPath);
}
