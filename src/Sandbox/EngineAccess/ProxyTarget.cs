using System.Reflection;
using Jint.Native;
using Jint.Native.Object;

namespace IsolatedRuntime.Sandbox.EngineAccess;

/// <summary>
/// What a proxy wraps, read without running any of its traps. Jint keeps its proxy type internal; the sandbox reads
/// a proxy's target and handler where Node would (inspecting a value, locking a warm engine's built-ins), never to call
/// through them.
/// </summary>
internal static class ProxyTarget
{
    private static readonly Type? _proxyType = typeof(JsValue).Assembly.GetType("Jint.Native.JsProxy");
    private static readonly FieldInfo? _target = _proxyType?.GetField("_target", BindingFlags.Instance | BindingFlags.NonPublic);
    private static readonly FieldInfo? _handler = _proxyType?.GetField("_handler", BindingFlags.Instance | BindingFlags.NonPublic);

    /// <summary>True when <paramref name="value"/> is a proxy.</summary>
    public static bool IsProxy(JsValue value) => _proxyType is not null && value.GetType() == _proxyType;

    /// <summary>True when <paramref name="value"/> is a proxy that has been revoked (its handler is gone).</summary>
    public static bool IsRevoked(JsValue value) => IsProxy(value) && _handler?.GetValue(value) is null;

    /// <summary>The proxy's target, or null when <paramref name="proxy"/> is not a proxy.</summary>
    public static ObjectInstance? Target(JsValue proxy) => IsProxy(proxy) ? _target?.GetValue(proxy) as ObjectInstance : null;

    /// <summary>The proxy's handler, or null when <paramref name="proxy"/> is not a proxy or was revoked.</summary>
    public static ObjectInstance? Handler(JsValue proxy) => IsProxy(proxy) ? _handler?.GetValue(proxy) as ObjectInstance : null;
}
