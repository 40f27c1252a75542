using System.Globalization;
using IsolatedRuntime.Sandbox.Modules.FileSystem;
using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Paths;
using IsolatedRuntime.Sandbox.Modules.Resolution;

namespace IsolatedRuntime.Sandbox.Modules;

/// <summary>
/// Checks the module inputs of a run before any engine is built. Messages name the option and an example of a
/// good value, and never echo a host path (a worker maps request paths onto its own disk).
/// </summary>
internal sealed class ModuleRequestValidator(HostFileSystem host, int maxSourceBytes)
{
    /// <summary>The message of an <c>InvalidRequest</c>, or null when the run may proceed.</summary>
    public string? Validate(RunOptions run) =>
        ValidateRoot(run) ?? ValidateFile(run.File) ?? ValidateWhitelist(run.WhitelistedPaths) ?? ValidateExternal(run.External);

    private string? ValidateRoot(RunOptions run)
    {
        if (run.Root is not null && run.Sources is not null)
        {
            return "Give either 'root' (a code folder) or 'sources' (inline files), not both.";
        }

        if (run.Sources is not null)
        {
            return InlineSources.TryCreate(run.Sources, maxSourceBytes, out _);
        }

        if (string.IsNullOrWhiteSpace(run.Root))
        {
            return "Give either 'root' (a code folder) or 'sources' (inline files).";
        }

        return IsFolder(run.Root) ? null : "The root folder does not exist; give an existing code folder as 'root'.";
    }

    private static string? ValidateFile(string? file)
    {
        if (string.IsNullOrWhiteSpace(file))
        {
            return "'file' is missing; name the entry module relative to the root, e.g. 'index.js'.";
        }

        var path = file.Contains('\0', StringComparison.Ordinal) ? null : PosixPath.Normalize(PosixPath.Root + file.TrimStart('/'));
        return path is null or PosixPath.Root
            ? $"'file' ('{file}') must name a module inside the root, e.g. 'index.js' or 'lib/main.js'."
            : null;
    }

    private string? ValidateWhitelist(IReadOnlyList<string>? folders)
    {
        for (var index = 0; index < (folders?.Count ?? 0); index++)
        {
            var folder = folders![index];
            if (string.IsNullOrWhiteSpace(folder) || !Path.IsPathFullyQualified(folder))
            {
                return Format("whitelistedPaths[{0}] must be the full path of a folder.", index);
            }

            if (!IsFolder(folder))
            {
                return Format("whitelistedPaths[{0}] does not exist or is not a folder.", index);
            }
        }

        return null;
    }

    private static string? ValidateExternal(IReadOnlyList<string>? names)
    {
        for (var index = 0; index < (names?.Count ?? 0); index++)
        {
            var name = names![index] ?? "";
            var request = ModuleRequest.Parse(name);
            if (request.Kind != ModuleRequestKind.Bare || request.SubPath.Length > 0 || request.EndsWithSlash)
            {
                return Format(
                    "external[{0}] ('{1}') is not a package name; list bare names such as 'lodash' or '@scope/pkg'.",
                    index,
                    name);
            }
        }

        return null;
    }

    private bool IsFolder(string path)
    {
        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        return host.Probe(Path.GetFullPath(path)).IsDirectory;
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
