using IsolatedRuntime.Sandbox.Modules.Builtins;
using IsolatedRuntime.Sandbox.Modules.Hooks;
using IsolatedRuntime.Sandbox.Modules.Jail;
using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>
/// Resolves the requests of one run: paths inside the jail, built-ins on the allow-list, and packages listed in
/// <c>external</c> (asking the operator's resolver first, then looking in <c>node_modules</c>).
/// </summary>
internal sealed class RequestResolver
{
    private readonly ModuleFileSystem _files;
    private readonly ModuleFileFinder _finder;
    private readonly BuiltinModuleCatalog _builtins;
    private readonly ExternalPolicy _external;
    private readonly Func<IModuleResolverSession?> _openResolver;
    private IModuleResolverSession? _resolver;
    private bool _resolverOpened;

    public RequestResolver(
        ModuleFileSystem files,
        ModuleFileFinder finder,
        BuiltinModuleCatalog builtins,
        ExternalPolicy external,
        Func<IModuleResolverSession?> openResolver)
    {
        _files = files;
        _finder = finder;
        _builtins = builtins;
        _external = external;
        _openResolver = openResolver;
    }

    /// <summary>Resolves <paramref name="text"/> required from the virtual folder <paramref name="fromDirectory"/>.</summary>
    /// <param name="fromDirectory">The requiring module's virtual folder.</param>
    /// <param name="text">The request as written.</param>
    /// <param name="import">True for an ES module's <c>import</c>: packages' <c>exports</c> maps then take <c>import</c>.</param>
    /// <exception cref="OperatorFailureException">The operator's resolver failed.</exception>
    /// <exception cref="ModuleResolutionException">A package's manifest is broken.</exception>
    public ResolvedModule Resolve(string fromDirectory, string text, bool import = false)
    {
        var request = ModuleRequest.Parse(text);
        return request.Kind switch
        {
            ModuleRequestKind.Relative => AtPath(PosixPath.Combine(fromDirectory, text), request.NamesDirectory),
            ModuleRequestKind.Absolute => AtPath(PosixPath.Normalize(text), request.NamesDirectory),
            ModuleRequestKind.NodePrefixed => ResolvedModule.Of(_builtins.Find(request.Text)),
            ModuleRequestKind.Bare => Bare(request, fromDirectory, import),
            _ => ResolvedModule.NotFound,
        };
    }

    /// <summary>Resolves the run's entry file, a path relative to the root.</summary>
    public ResolvedModule ResolveEntry(string file) =>
        AtPath(PosixPath.Normalize(PosixPath.Root + file.TrimStart('/')), directoryOnly: false);

    private ResolvedModule AtPath(string? path, bool directoryOnly) =>
        path is null ? ResolvedModule.NotFound : ResolvedModule.Of(_finder.Find(_files, path, directoryOnly));

    private ResolvedModule Bare(ModuleRequest request, string fromDirectory, bool import)
    {
        if (!request.EndsWithSlash && (NodeCoreModules.Contains(request.Text) || NodeCoreModules.Contains(request.PackageName)))
        {
            return ResolvedModule.Of(_builtins.Find(request.Text));
        }

        if (!_external.Allows(request, fromDirectory))
        {
            return ResolvedModule.NotFound;
        }

        if (OpenResolver() is { } resolver
            && resolver.Resolve(request.Text, _files.DescribeDirectory(fromDirectory)) is { Length: > 0 } answer)
        {
            if (!Path.IsPathFullyQualified(answer))
            {
                throw new OperatorFailureException($"it returned '{answer}', which is not a full path; return a full path or null");
            }

            // Whatever the operator's resolver answers is still held to the jail.
            return AtPath(_files.FromHostPath(answer), directoryOnly: false);
        }

        foreach (var candidate in NodeModulesLookup.Candidates(_files, fromDirectory, request))
        {
            var packageDirectory = request.SubPath.Length == 0 ? candidate : candidate[..^(request.SubPath.Length + 1)];
            if (_finder.FindInPackage(_files, packageDirectory, request.SubPath, import, request.NamesDirectory) is { } file)
            {
                return ResolvedModule.Of(file);
            }
        }

        return ResolvedModule.NotFound;
    }

    private IModuleResolverSession? OpenResolver()
    {
        if (!_resolverOpened)
        {
            _resolver = _openResolver();
            _resolverOpened = true;
        }

        return _resolver;
    }
}
