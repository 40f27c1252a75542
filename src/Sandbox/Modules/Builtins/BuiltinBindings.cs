using IsolatedRuntime.Sandbox.Globals;
using IsolatedRuntime.Sandbox.Serialization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Modules.Builtins;

/// <summary>
/// The host values handed to the factory built-ins. Binary data crosses as strings of one char per byte (the
/// script converts with <c>Buffer</c>'s <c>latin1</c> encoding), so nothing but strings and numbers crosses.
/// </summary>
internal static class BuiltinBindings
{
    private const int _maxFormattedChars = 1024 * 1024;

    /// <summary><c>util</c>: Node-style format and inspect (the console's), and the text codec classes.</summary>
    public static ObjectInstance Util(Engine engine)
    {
        var text = NodeGlobals.Exports(engine, NodeGlobals.Text);
        var host = new JsObject(engine);
        host.FastSetDataProperty("format", new ClrFunction(engine, "format", (_, args) => ConsoleFormatter.Format(args, _maxFormattedChars)));
        host.FastSetDataProperty("inspect", new ClrFunction(engine, "inspect", (_, args) => ValueInspector.Inspect(args.At(0), _maxFormattedChars, runHooks: true)));
        host.FastSetDataProperty("TextEncoder", text.Get("TextEncoder"));
        host.FastSetDataProperty("TextDecoder", text.Get("TextDecoder"));
        return host;
    }

    /// <summary><c>url</c>: the run's URL classes.</summary>
    public static ObjectInstance Url(Engine engine) => NodeGlobals.Exports(engine, NodeGlobals.Url);

    /// <summary>
    /// <c>crypto</c>: digests and HMACs, random bytes and UUIDs from .NET's cryptography (<see cref="HostCrypto"/>), and
    /// the run's Web Crypto object, so <c>require('crypto').webcrypto === globalThis.crypto</c> as in Node.
    /// </summary>
    public static ObjectInstance Crypto(Engine engine)
    {
        var host = HostCrypto.Create(engine);
        host.FastSetDataProperty("webcrypto", NodeGlobals.Exports(engine, NodeGlobals.Web).Get("crypto"));
        return host;
    }
}
