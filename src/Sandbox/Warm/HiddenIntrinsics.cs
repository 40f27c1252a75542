using System.Reflection;
using IsolatedRuntime.Sandbox.Globals;
using Jint;
using Jint.Native.Object;

namespace IsolatedRuntime.Sandbox.Warm;

/// <summary>
/// The built-ins no global property leads to: ECMAScript's intrinsics only reachable through the values they
/// produce (<c>%ArrayIteratorPrototype%</c>, <c>%AsyncIteratorHelperPrototype%</c>, <c>%ThrowTypeError%</c>…). A
/// script can reach and change them (<c>Object.getPrototypeOf([][Symbol.iterator]()).next = …</c>), so a warm engine
/// locks them with the rest.
/// </summary>
internal static class HiddenIntrinsics
{
    private static readonly GlobalScript _script =
        GlobalScript.CommonJs("IsolatedRuntime.Sandbox.Warm.hidden-intrinsics.js", "warm-intrinsics");

    /// <summary>
    /// Every intrinsic of <paramref name="engine"/>'s realm: the ones Jint holds (read by reflection, since it exposes
    /// only a few), and the ones a script finds through values. Call on a fresh engine, before any user code runs, so
    /// no script has had the chance to replace what they are found through.
    /// </summary>
    public static ObjectInstance[] Find(Engine engine) =>
        [.. Held(engine), .. ((ObjectInstance)_script.Run(engine)).GetOwnProperties().Select(p => p.Value.Value).OfType<ObjectInstance>()];

    private static IEnumerable<ObjectInstance> Held(Engine engine)
    {
        var intrinsics = engine.Intrinsics;
        foreach (var property in intrinsics.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            if (!typeof(ObjectInstance).IsAssignableFrom(property.PropertyType) || property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            ObjectInstance? value;
            try
            {
                value = property.GetValue(intrinsics) as ObjectInstance;
            }
            catch (TargetInvocationException)
            {
                // An intrinsic this engine cannot build: nothing to lock.
                continue;
            }

            if (value is not null)
            {
                yield return value;
            }
        }
    }
}
