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
internal sealed class BufferAllocationGuards
{
    private static readonly (string Name, int ElementSize)[] _typedArrays =
    [
        ("Int8Array", 1), ("Uint8Array", 1), ("Uint8ClampedArray", 1), ("Int16Array", 2), ("Uint16Array", 2),
        ("Float16Array", 2), ("Int32Array", 4), ("Uint32Array", 4), ("Float32Array", 4), ("Float64Array", 8),
        ("BigInt64Array", 8), ("BigUint64Array", 8),
    ];

    internal const int ArrayBufferSlot = 12;
    internal const int SharedArrayBufferSlot = 13;

    private readonly Engine _engine;
    private readonly MemoryBudget _budget;
    private readonly JsValue _proxy;
    private readonly JsValue _construct;
    private readonly PropertyDescriptor _sharedArrayBuffer;
    private readonly JsValue?[] _guarded = new JsValue?[SharedArrayBufferSlot + 1];

    private BufferAllocationGuards(Engine engine, MemoryBudget budget, JsValue proxy, JsValue construct, PropertyDescriptor sharedArrayBuffer)
    {
        _engine = engine;
        _budget = budget;
        _proxy = proxy;
        _construct = construct;
        _sharedArrayBuffer = sharedArrayBuffer;
    }

    /// <summary>
    /// Makes each guarded constructor's global binding lazy: the guarded proxy is built on the first read of the
    /// binding. What the proxies are built from is captured now, before any script runs: <c>Proxy</c> and
    /// <c>Reflect.construct</c> (a script may replace both later) and the constructors themselves, from the realm's
    /// intrinsics rather than from the global object.
    /// </summary>
    public static void Install(Engine engine, MemoryBudget budget)
    {
        var global = engine.Global;
        if (global.Get("Reflect") is not ObjectInstance reflect || global.Get("Proxy") is not ObjectInstance proxy)
        {
            return;
        }

        var guards = new BufferAllocationGuards(engine, budget, proxy, reflect.Get("construct"), global.GetOwnProperty("SharedArrayBuffer"));
        for (var slot = 0; slot <= SharedArrayBufferSlot; slot++)
        {
            if (slot == SharedArrayBufferSlot && guards._sharedArrayBuffer == PropertyDescriptor.Undefined)
            {
                break;
            }

            var name = slot switch
            {
                ArrayBufferSlot => "ArrayBuffer",
                SharedArrayBufferSlot => "SharedArrayBuffer",
                _ => _typedArrays[slot].Name,
            };
            global.FastSetProperty(
                name,
                PropertyDescriptor.CreateLazy(new Binding(guards, slot), static binding => binding.Guards.Guarded(binding.Slot), PropertyFlag.NonEnumerable));
        }
    }

    /// <summary>
    /// The guarded constructor for <paramref name="slot"/>, built once. Building a typed array builds the
    /// <c>ArrayBuffer</c> guard too: its instances reach <c>ArrayBuffer</c> through <c>.buffer.constructor</c> and
    /// <c>resize</c>/<c>transfer</c> without the <c>ArrayBuffer</c> binding ever being read (or after a script
    /// replaced it).
    /// </summary>
    private JsValue Guarded(int slot)
    {
        if (_guarded[slot] is { } built)
        {
            return built;
        }

        if (slot < ArrayBufferSlot)
        {
            Guarded(ArrayBufferSlot);
        }

        var intrinsics = _engine.Intrinsics;
        var (target, operation, bytesOf) = slot switch
        {
            ArrayBufferSlot => ((JsValue)intrinsics.ArrayBuffer, "new ArrayBuffer", (Func<JsValue[], long>)(arguments => IndexBytes(arguments.At(0)))),
            SharedArrayBufferSlot => (_sharedArrayBuffer.Value, "new SharedArrayBuffer", arguments => IndexBytes(arguments.At(0))),
            _ => (TypedArrayIntrinsic(intrinsics, slot), "new " + _typedArrays[slot].Name, TypedArrayBytesOf(_typedArrays[slot].ElementSize)),
        };

        var guarded = target is ObjectInstance constructor ? GuardConstructor(constructor, operation, bytesOf) : target;
        _guarded[slot] = guarded;
        if (slot == ArrayBufferSlot)
        {
            GuardJoin();
            GuardResize("ArrayBuffer", target, "resize");
            GuardResize("ArrayBuffer", target, "transfer");
            GuardResize("ArrayBuffer", target, "transferToFixedLength");
        }
        else if (slot == SharedArrayBufferSlot)
        {
            GuardResize("SharedArrayBuffer", target, "grow");
        }

        return guarded;
    }

    private static JsValue TypedArrayIntrinsic(Jint.Runtime.Intrinsics intrinsics, int slot) => slot switch
    {
        0 => intrinsics.Int8Array,
        1 => intrinsics.Uint8Array,
        2 => intrinsics.Uint8ClampedArray,
        3 => intrinsics.Int16Array,
        4 => intrinsics.Uint16Array,
        5 => intrinsics.Float16Array,
        6 => intrinsics.Int32Array,
        7 => intrinsics.Uint32Array,
        8 => intrinsics.Float32Array,
        9 => intrinsics.Float64Array,
        10 => intrinsics.BigInt64Array,
        _ => intrinsics.BigUint64Array,
    };

    private static Func<JsValue[], long> TypedArrayBytesOf(int elementSize) => arguments => TypedArrayBytes(arguments.At(0), elementSize);

    private ObjectInstance GuardConstructor(ObjectInstance target, string operation, Func<JsValue[], long> bytesOf)
    {
        if (target.Get("prototype") is not ObjectInstance prototype)
        {
            return target;
        }

        var budget = _budget;
        var construct = _construct;
        var handler = new JsObject(_engine);
        handler.Set("construct", new ClrFunction(_engine, "construct", (_, trapArguments) =>
        {
            var arguments = trapArguments.At(1) is ArrayInstance list ? list.ToArray() : [];
            var bytes = bytesOf(arguments);
            if (bytes > 0)
            {
                budget.EnsureRoomFor(bytes, operation);
            }

            return construct.Call(JsValue.Undefined, [target, trapArguments.At(1), trapArguments.At(2)]);
        }, 3));

        var guarded = _engine.Construct(_proxy, target, handler);
        prototype.DefineOwnProperty("constructor", new PropertyDescriptor(guarded, PropertyFlag.NonEnumerable));
        return guarded;
    }

    private void GuardResize(string constructorName, JsValue constructor, string method)
    {
        if (constructor is not ObjectInstance target || target.Get("prototype") is not ObjectInstance prototype || prototype.Get(method).IsUndefined())
        {
            return;
        }

        var budget = _budget;
        var operation = $"{constructorName}.prototype.{method}";
        GuardedBuiltin.Replace(_engine, prototype, method, method == "grow" || method == "resize" ? 1 : 0, (thisObject, arguments) =>
        {
            var bytes = IndexBytes(arguments.At(0));
            if (bytes > 0)
            {
                budget.EnsureRoomFor(bytes, operation);
            }

            return (thisObject, arguments);
        });
    }

    // %TypedArray%.prototype.join (and toString, which calls it) writes every element into one builder: a 30 MB
    // Uint8Array joined is 120 MB. Sized from the length and the widest text of an element of the array's type.
    private void GuardJoin()
    {
        if (_engine.Intrinsics.Uint8Array.Get("prototype") is not ObjectInstance { Prototype: { } typedArrayPrototype })
        {
            return;
        }

        var budget = _budget;
        GuardedBuiltin.Replace(_engine, typedArrayPrototype, "join", 1, (thisObject, arguments) =>
        {
            if (thisObject is JsTypedArray typed && arguments.At(0) is var separator && (separator.IsUndefined() || separator.IsString()))
            {
                var elementCharacters = typed.Get("BYTES_PER_ELEMENT") is JsNumber width ? width.AsNumber() switch { 1 => 4, 2 => 12, 4 => 16, _ => 24 } : 24;
                var separatorLength = separator.IsUndefined() ? 1 : separator.AsString().Length;
                var characters = typed.Length * (long)(elementCharacters + separatorLength);
                if (characters > 0)
                {
                    budget.EnsureRoomFor(characters * 2, "TypedArray.prototype.join");
                }
            }

            return (thisObject, arguments);
        });
    }

    private sealed record Binding(BufferAllocationGuards Guards, int Slot);

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
