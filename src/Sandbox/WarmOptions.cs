namespace IsolatedRuntime.Sandbox;

/// <summary>
/// Warm module reuse (<see cref="SandboxOptions.Warm"/>): a run that opts in may take an engine that already loaded
/// the same entry module and its packages, instead of evaluating every package's top-level code again on a fresh
/// engine. Globals and built-in prototypes are restored between runs; module-level state (a package's closure
/// variables, <c>module.exports</c> objects, caches) is shared by the warm runs of one key. See docs/warm.md.
/// </summary>
public sealed class WarmOptions
{
    /// <summary>
    /// Whether warm reuse is offered at all. When false every run is cold, whatever it asks
    /// (<see cref="RunOptions.Warm"/>) or its root is listed in (<see cref="Roots"/>).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Host folders whose runs are warm unless a run says <c>Warm = false</c>: the operator's per-root opt-in.
    /// Compared as full paths. Empty by default: fresh-engine isolation stays the default.
    /// </summary>
    public string[] Roots { get; set; } = [];

    /// <summary>
    /// Most idle warm engines the sandbox keeps, across all keys. The least recently used is dropped beyond it.
    /// Each holds its loaded packages (a few MB for lodash or zod); engines lent to running runs do not count.
    /// </summary>
    public int MaxEngines { get; set; } = 16;

    /// <summary>How long an idle warm engine is kept without a run asking for it before it is dropped.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
