namespace IsolatedRuntime.Sandbox.Modules.Resolution;

/// <summary>How <c>require</c> reads its argument.</summary>
internal enum ModuleRequestKind
{
    /// <summary>Not a usable name (<c>a//b</c>, <c>pkg/../x</c>…): never found.</summary>
    Invalid,

    /// <summary><c>./x</c>, <c>../x</c>, <c>.</c>, <c>..</c>: a path from the requiring module's folder.</summary>
    Relative,

    /// <summary><c>/x</c>: a path from the run's virtual root.</summary>
    Absolute,

    /// <summary><c>node:x</c>: a Node built-in and nothing else.</summary>
    NodePrefixed,

    /// <summary><c>x</c>, <c>x/sub</c>, <c>@scope/x</c>: a built-in or a package.</summary>
    Bare,
}
