using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>
/// The allocation guards are built on the first read of a guarded builtin, not when the engine is hardened. They
/// hold however late and by whatever route that first read comes.
/// </summary>
[Collection(MemoryHeavy.Name)]
public sealed class LateGuardTests
{
    public static TheoryData<string, string> LateFirstTouches => new()
    {
        { "after other code ran", "var s = 0; for (var i = 0; i < 1000; i++) s += String(i).length; [1, 2].join(); new Float64Array(2**27).length" },
        { "through a computed global name", "new globalThis['Float' + '64Array'](2**27).length" },
        { "through Reflect.construct", "Reflect.construct(Uint8Array, [1e9]).length" },
        { "through a subclass", "class X extends Uint8Array {} new X(1e9).length" },
        { "through a subclass of ArrayBuffer", "class B extends ArrayBuffer {} new B(1e9).byteLength" },
        { "through a small array's buffer constructor", "new (new Int8Array(4).buffer.constructor)(1e9).byteLength" },
        { "after the ArrayBuffer global was replaced", "ArrayBuffer = null; new (new Int8Array(4).buffer.constructor)(1e9).byteLength" },
        { "after the ArrayBuffer global was deleted", "delete globalThis.ArrayBuffer; new Int8Array(4).buffer.transfer(2**30).byteLength" },
        { "after Reflect.construct was replaced", "var T; Reflect.construct = (t, a, n) => { T = t; return {}; }; new Uint8Array(1); new (T || Uint8Array)(1e9).length" },
        { "after Proxy was replaced", "Proxy = function (t) { return t; }; new Uint8Array(1e9).length" },
        { "through a property descriptor", "new (Object.getOwnPropertyDescriptor(globalThis, 'Uint8Array').value)(1e9).length" },
        { "through the species of a small array", "var a = new Uint8Array(4); a.constructor.from({ length: 1e9 }).length" },
        { "through a string method reached from a literal", "''.padEnd.call('x', 2**28).length" },
        { "through a string method's descriptor", "Object.getOwnPropertyDescriptor(String.prototype, 'repeat').value.call('x', 2**28).length" },
        { "through a shared buffer", "new SharedArrayBuffer(1e9).byteLength" },
    };

    [Theory]
    [MemberData(nameof(LateFirstTouches))]
    public void A_guarded_builtin_first_reached_late_still_faults_before_allocating(string name, string script)
    {
        var (result, error) = HardenedEngine.Evaluate(script, HardenedEngine.Limits(16 * MemoryBudgetTests.Mb));

        Assert.True(error is MemoryLimitExceededException, $"{name}: expected a memory fault, got {result ?? error?.ToString()}");
    }

    [Fact]
    public void A_guarded_builtin_first_reached_in_a_later_turn_still_faults()
    {
        var (result, error) = HardenedEngine.OnPoolThread(() =>
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var engine = HardenedEngine.Build(HardenedEngine.Limits(16 * MemoryBudgetTests.Mb), deadline.Token);
            engine.Execute("var turns = 0; function turn() { turns++; return turns < 3 ? turns : new Float64Array(2**27).length; }");
            for (var turn = 0; turn < 3; turn++)
            {
                engine.Invoke("turn");
            }

            return "finished";
        });

        Assert.True(error is MemoryLimitExceededException, $"expected a memory fault, got {result ?? error?.ToString()}");
    }

    [Fact]
    public void Guarded_builtins_look_like_the_originals_before_and_after_first_use()
    {
        var (result, error) = HardenedEngine.Evaluate(
            """
            var before = [
              'Uint8Array' in globalThis, Object.keys(globalThis).includes('Uint8Array'),
              Object.getOwnPropertyNames(globalThis).includes('Float64Array'),
              JSON.stringify(Object.getOwnPropertyDescriptor(globalThis, 'ArrayBuffer'), (k, v) => typeof v === 'function' ? v.name : v),
            ];
            var after = [
              typeof Uint8Array, Uint8Array.name, Uint8Array.length, new Uint8Array(4).length,
              new Uint8Array(1) instanceof Uint8Array, new Uint8Array(1).constructor === Uint8Array,
              new Uint8Array(2).buffer instanceof ArrayBuffer, new Uint8Array(2).buffer.constructor === ArrayBuffer,
              new (class X extends Uint8Array {})(3).length, Reflect.construct(Float32Array, [2]).byteLength,
              Uint8Array.BYTES_PER_ELEMENT, Uint8Array.from([1, 2]).length, new Uint8Array([1, 2, 3]).map(x => x * 2).join('-'),
              Object.getPrototypeOf(Int8Array) === Object.getPrototypeOf(Uint8Array),
              typeof ''.repeat, ''.repeat.name, ''.repeat.length, 'ab'.repeat(2), [1, 2].join('+'),
              Object.keys(String.prototype).length, String.prototype.propertyIsEnumerable('repeat'),
            ];
            before.concat(after).join()
            """);

        HardenedEngine.Rethrow(error);
        Assert.Equal(
            "true,false,true,{\"value\":\"ArrayBuffer\",\"writable\":true,\"enumerable\":false,\"configurable\":true},"
            + "function,Uint8Array,3,4,true,true,true,true,3,8,1,2,2-4-6,true,function,repeat,1,abab,1+2,0,false",
            result);
    }
}
