using IsolatedRuntime.Sandbox.Modules.Compilation;
using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Jail;
using Microsoft.Extensions.Caching.Memory;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>Reads the <c>package.json</c> of a folder, caching what it parsed for host files like their text.</summary>
internal sealed class PackageManifestReader(IMemoryCache cache, HostFileSystem host, TimeSpan revalidateInterval, int maxSourceBytes)
{
    private const int _entryBytes = 256;

    /// <summary>The manifest of <paramref name="directory"/>; empty when it has none.</summary>
    /// <exception cref="ModuleResolutionException">The folder's <c>package.json</c> is unreadable or not a JSON object.</exception>
    public PackageManifest Read(ModuleFileSystem files, string directory)
    {
        var entry = files.Probe(directory.Length == 1 ? "/package.json" : directory + "/package.json");
        if (entry.File is not { } file)
        {
            return PackageManifest.Empty;
        }

        if (file.Host is not { } hostFile)
        {
            return Parse(file, file.InlineText!);
        }

        var key = new ManifestKey(hostFile.RealPath);
        if (revalidateInterval > TimeSpan.Zero && cache.TryGetValue(key, out PackageManifest? cached))
        {
            return cached!;
        }

        var manifest = Parse(file, ReadText(file, hostFile));
        if (revalidateInterval > TimeSpan.Zero)
        {
            cache.Set(key, manifest, new MemoryCacheEntryOptions
            {
                Size = _entryBytes + (manifest.Main?.Length ?? 0),
                AbsoluteExpirationRelativeToNow = revalidateInterval,
            });
        }

        return manifest;
    }

    private string ReadText(ModuleFile file, HostEntry hostFile)
    {
        var text = host.ReadText(hostFile, maxSourceBytes) ?? throw new ModuleResolutionException($"{file.DisplayName} could not be read");
        return text != SourceText.TooLarge
            ? text.Text
            : throw new ModuleResolutionException($"{file.DisplayName} is larger than the {maxSourceBytes}-byte limit per source file");
    }

    private static PackageManifest Parse(ModuleFile file, string json) =>
        PackageManifest.Parse(json)
        ?? throw new ModuleResolutionException($"{file.DisplayName} is not a valid JSON object; fix the package's manifest");

    private readonly record struct ManifestKey(string RealPath);
}
