using System.Diagnostics;
using System.Security.Cryptography;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Globals;

/// <summary>
/// The host functions behind the Web globals (<c>crypto</c>, <c>performance</c>) and the <c>crypto</c> built-in:
/// entropy, UUIDs, digests and HMACs from .NET's cryptography, and a monotonic clock. Binary data crosses as strings of
/// one char per byte, so nothing but strings and numbers crosses; the object is handed to the sandbox's own factory
/// scripts only, never to user code.
/// </summary>
internal static class HostCrypto
{
    /// <summary>Most random bytes one call hands out (the Web Crypto quota); scripts ask in chunks.</summary>
    public const int MaxRandomBytes = 65536;

    /// <summary>
    /// A host object with <c>random(n)</c>, <c>uuid()</c>, <c>digest(alg, data, key?)</c> and <c>now()</c>
    /// (milliseconds since the object was made, with sub-millisecond precision).
    /// </summary>
    public static ObjectInstance Create(Engine engine)
    {
        var started = Stopwatch.GetTimestamp();
        var host = new JsObject(engine);
        host.FastSetDataProperty("digest", new ClrFunction(engine, "digest", (_, args) =>
            Digest(TypeConverter.ToString(args.At(0)), TypeConverter.ToString(args.At(1)), args.At(2))));
        host.FastSetDataProperty("random", new ClrFunction(engine, "random", (_, args) =>
            Binary(RandomNumberGenerator.GetBytes((int)Math.Clamp(TypeConverter.ToNumber(args.At(0)), 0, MaxRandomBytes)))));
        host.FastSetDataProperty("uuid", new ClrFunction(engine, "uuid", (_, _) => Guid.NewGuid().ToString("D")));
        host.FastSetDataProperty("now", new ClrFunction(engine, "now", (_, _) => Stopwatch.GetElapsedTime(started).TotalMilliseconds));
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
