using System.Security.Cryptography;
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
    private const int _maxRandomBytes = 65536;

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

    /// <summary><c>crypto</c>: digests and HMACs, random bytes and UUIDs from .NET's cryptography.</summary>
    public static ObjectInstance Crypto(Engine engine)
    {
        var host = new JsObject(engine);
        host.FastSetDataProperty("digest", new ClrFunction(engine, "digest", (_, args) =>
            Digest(Text(engine, args.At(0), "algorithm"), Text(engine, args.At(1), "data"), args.At(2))));
        host.FastSetDataProperty("random", new ClrFunction(engine, "random", (_, args) =>
            Binary(RandomNumberGenerator.GetBytes(Math.Clamp((int)TypeConverter.ToNumber(args.At(0)), 0, _maxRandomBytes)))));
        host.FastSetDataProperty("uuid", new ClrFunction(engine, "uuid", (_, _) => Guid.NewGuid().ToString("D")));
        return host;
    }

    // MD5 and SHA-1 are offered because scripts use them for checksums and cache keys, as in Node; not for security.
#pragma warning disable CA5350, CA5351
    private static JsString Digest(string algorithm, string data, JsValue key)
    {
        var bytes = Bytes(data);
        if (key.IsString())
        {
            var secret = Bytes(key.AsString());
            return Binary(algorithm switch
            {
                "md5" => HMACMD5.HashData(secret, bytes),
                "sha1" => HMACSHA1.HashData(secret, bytes),
                "sha256" => HMACSHA256.HashData(secret, bytes),
                "sha384" => HMACSHA384.HashData(secret, bytes),
                _ => HMACSHA512.HashData(secret, bytes),
            });
        }

        return Binary(algorithm switch
        {
            "md5" => MD5.HashData(bytes),
            "sha1" => SHA1.HashData(bytes),
            "sha256" => SHA256.HashData(bytes),
            "sha384" => SHA384.HashData(bytes),
            _ => SHA512.HashData(bytes),
        });
    }
#pragma warning restore CA5350, CA5351

    // The script hands these over itself; should a value ever be wrong, the run gets an error it can catch rather
    // than a host failure.
    private static string Text(Engine engine, JsValue value, string what) => value.IsString()
        ? value.AsString()
        : throw new JavaScriptException(engine.Intrinsics.TypeError, $"The digest's {what} must be a string.");

    private static byte[] Bytes(string binary)
    {
        var bytes = new byte[binary.Length];
        for (var i = 0; i < binary.Length; i++)
        {
            bytes[i] = (byte)binary[i];
        }

        return bytes;
    }

    private static JsString Binary(byte[] bytes) => new(string.Create(bytes.Length, bytes, static (span, b) =>
    {
        for (var i = 0; i < b.Length; i++)
        {
            span[i] = (char)b[i];
        }
    }));
}
