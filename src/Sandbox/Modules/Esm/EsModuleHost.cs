using IsolatedRuntime.Sandbox.Modules.Paths;
using Jint.Native;
using Jint.Runtime;
using JintModule = Jint.Runtime.Modules.Module;

namespace IsolatedRuntime.Sandbox.Modules.Esm;

/// <summary>
/// Fills <c>import.meta</c> as Node does, in virtual paths: <c>url</c> (<c>file:///lib/a.mjs</c>), <c>filename</c>
/// (<c>/lib/a.mjs</c>) and <c>dirname</c> (<c>/lib</c>) — the same virtual root CommonJS's <c>__filename</c> names,
/// never a host path. The sandbox's own facade modules get an empty <c>import.meta</c>.
/// </summary>
internal sealed class EsModuleHost : Host
{
    private const string _sandboxPrefix = "sandbox:";

    public override List<KeyValuePair<JsValue, JsValue>> GetImportMetaProperties(JintModule moduleRecord)
    {
        var location = moduleRecord.Location;
        if (string.IsNullOrEmpty(location) || location.StartsWith(_sandboxPrefix, StringComparison.Ordinal))
        {
            return [];
        }

        // Module keys are root-relative names (lib/a.mjs): the virtual path is the name under the root.
        var path = PosixPath.Root + location;
        return
        [
            new("url", "file://" + string.Join('/', path.Split('/').Select(Uri.EscapeDataString))),
            new("filename", path),
            new("dirname", PosixPath.Directory(path)),
        ];
    }
}
