using Jint;
using Jint.Native;
using Jint.Native.Array;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace IsolatedRuntime.Sandbox.Limits;

/// <summary>
/// Typed arrays, <c>ArrayBuffer</c> and <c>SharedArrayBuffer</c> allocate their whole backing store when
/// constructed (<c>new Float64Array(2**27)</c> is 1 GB in one step), and <c>resize</c>, <c>grow</c> and
/// <c>transfer</c> do so when called. Each constructor is replaced by a <c>Proxy</c> whose construct trap sizes the
/// store first; the methods are wrapped like other builtins.
/// </summary>
/// <remarks>
/// The proxy keeps the constructor's name, length, statics (<c>from</c>, <c>of</c>, <c>BYTES_PER_ELEMENT</c>),
/// prototype and subclassing (<c>class A extends Uint8Array</c> constructs through the trap with its own
/// <c>new.target</c>). <c>prototype.constructor</c> is pointed at the proxy so that
/// <c>new Uint8Array(1).constructor === Uint8Array</c> still holds, and so that species construction
/// (<c>slice</c>, <c>map</c>, <c>subarray</c>) is guarded too. Sizes are read only where reading has no side
/// effect: numbers and numeric strings, other typed arrays, plain arrays; other array-likes and iterables are
/// charged by the per-statement check after they are built.
/// </remarks>
internal static class BufferAllocationGuards
{
    private static readonly (string Name, int ElementSize)[] _typedArrays =
    [
        ("Int8Array", 1), ("Uint8Array", 1), ("Uint8ClampedArray", 1), ("Int16Array", 2), ("Uint16Array", 2),
        ("Float16Array", 2), ("Int32Array", 4), ("Uint32Array", 4), ("Float32Array", 4), ("Float64Array", 8),
        ("BigInt64Array", 8), ("BigUint64Array", 8),
    ];

    public static void Install(Engine engine, MemoryBudget budget)
    {
        if (engine.Global.Get("Reflect") is not ObjectInstance reflect || engine.Global.Get("Proxy") is not ObjectInstance proxy)
        {
            return;
        }

        var construct = reflect.Get("construct");
        foreach (var (name, elementSize) in _typedArrays)
        {
            GuardConstructor(engine, budget, proxy, construct, name, arguments => TypedArrayBytes(arguments.At(0), elementSize));
        }

        GuardConstructor(engine, budget, proxy, construct, "ArrayBuffer", arguments => IndexBytes(arguments.At(0)));
        GuardConstructor(engine, budget, proxy, construct, "SharedArrayBuffer", arguments => IndexBytes(arguments.At(0)));

        GuardResize(engine, budget, "ArrayBuffer", "resize");
        GuardResize(engine, budget, "ArrayBuffer", "transfer");
        GuardResize(engine, budget, "ArrayBuffer", "transferToFixedLength");
        GuardResize(engine, budget, "SharedArrayBuffer", "grow");
    }

    private static void GuardConstructor(
        Engine engine, MemoryBudget budget, ObjectInstance proxy, JsValue construct, string name, Func<JsValue[], long> bytesOf)
    {
        if (engine.Global.GetOwnProperty(name) is not { Value: ObjectInstance target } binding
            || target.Get("prototype") is not ObjectInstance prototype)
        {
            return;
        }

        var operation = "new " + name;
        var handler = new JsObject(engine);
        handler.Set("construct", new ClrFunction(engine, "construct", (_, trapArguments) =>
        {
            var arguments = trapArguments.At(1) is ArrayInstance list ? list.ToArray() : [];
            var bytes = bytesOf(arguments);
            if (bytes > 0)
            {
                budget.EnsureRoomFor(bytes, operation);
            }

            return construct.Call(JsValue.Undefined, [target, trapArguments.At(1), trapArguments.At(2)]);
        }, 3));

        var guarded = engine.Construct(proxy, target, handler);
        engine.Global.DefineOwnProperty(name, new PropertyDescriptor(guarded, binding.Writable, binding.Enumerable, binding.Configurable));
        prototype.DefineOwnProperty("constructor", new PropertyDescriptor(guarded, PropertyFlag.NonEnumerable));
    }

    private static void GuardResize(Engine engine, MemoryBudget budget, string constructorName, string method)
    {
        if (GuardedBuiltin.PrototypeOf(engine, constructorName) is not { } prototype || prototype.Get(method).IsUndefined())
        {
            return;
        }

        var operation = $"{constructorName}.prototype.{method}";
        GuardedBuiltin.Replace(engine, prototype, method, method == "grow" || method == "resize" ? 1 : 0, (thisObject, arguments) =>
        {
            var bytes = IndexBytes(arguments.At(0));
            if (bytes > 0)
            {
                budget.EnsureRoomFor(bytes, operation);
            }

            return (thisObject, arguments);
        });
    }

    /// <summary>Bytes a typed array constructed from <paramref name="source"/> allocates, when knowable without side effects.</summary>
    private static long TypedArrayBytes(JsValue source, int elementSize) => source switch
    {
        JsArrayBuffer => 0,
        JsTypedArray typed => typed.Length * (long)elementSize,
        ArrayInstance array => LengthOf(array) * elementSize,
        ObjectInstance => 0,
        _ => IndexBytes(source) * elementSize,
    };

    /// <summary>ToIndex of a primitive, or 0 when it would throw (the original reports that) or is not a primitive.</summary>
    private static long IndexBytes(JsValue value)
    {
        if (value is ObjectInstance || value.IsSymbol() || value.IsBigInt())
        {
            return 0;
        }

        var number = TypeConverter.ToNumber(value);
        return double.IsNaN(number) || number <= 0 || number > MaxIndex ? 0 : (long)number;
    }

    private static long LengthOf(ArrayInstance array) =>
        array.GetOwnProperty("length").Value is JsNumber length ? (long)length.AsNumber() : 0;

    // Beyond what .NET can allocate for one buffer Jint throws its own RangeError; leave that to it.
    internal const double MaxIndex = int.MaxValue;
}
