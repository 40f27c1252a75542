using System.Diagnostics;
using Jint.Runtime;

namespace IsolatedRuntime.Sandbox.Tests.Limits;

/// <summary>The memory budget counts what a run holds, across turns, and stops one huge allocation before it happens.</summary>
[Collection(MemoryHeavy.Name)]
public sealed class MemoryBudgetTests
{
    internal const long Mb = 1024 * 1024;

    public static TheoryData<string, string> HugeAllocations => new()
    {
        { "repeat", "'x'.repeat(2**28).length" },
        { "repeat of a longer string", "'abcd'.repeat(2**26).length" },
        { "padStart", "''.padStart(2**28, 'ab').length" },
        { "padEnd", "'x'.padEnd(2**28).length" },
        { "concat", "var s = 'x'.repeat(2**20); s.concat(...new Array(300).fill(s)).length" },
        { "array fill", "new Array(1e9).fill(0).length" },
        { "array from", "Array.from({ length: 1e9 }).length" },
        { "typed array", "new Uint8Array(1e9).length" },
        { "float64 array", "new Float64Array(2**27).length" },
        { "typed array from array", "new Float64Array(new Array(5e6).fill(1)).length" },
        { "array buffer", "new ArrayBuffer(1e9).byteLength" },
        { "shared array buffer", "new SharedArrayBuffer(1e9).byteLength" },
        { "resizable buffer", "var b = new ArrayBuffer(8, { maxByteLength: 2**30 }); b.resize(2**30); b.byteLength" },
        { "buffer transfer", "new ArrayBuffer(8).transfer(2**30).byteLength" },
        { "subclassed typed array", "class Big extends Float64Array {} new Big(2**27).length" },
        { "string doubling", "var s = 'x'.repeat(1000); for (var i = 0; i < 22; i++) s = s + s; s.indexOf('y')" },
        { "join of one big string", "var s = 'x'.repeat(2**20); new Array(2000).fill(s).join('').length" },
    };

    [Theory]
    [MemberData(nameof(HugeAllocations))]
    public void A_huge_allocation_faults_before_the_process_grows(string name, string script)
    {
        var before = Process.GetCurrentProcess().WorkingSet64;
        var (result, error) = HardenedEngine.Evaluate(script, HardenedEngine.Limits(16 * Mb));

        Assert.True(error is MemoryLimitExceededException, $"{name}: expected a memory fault, got {result ?? error?.ToString()}");
        var grown = Process.GetCurrentProcess().WorkingSet64 - before;
        Assert.True(grown < 400 * Mb, $"{name}: the process grew by {grown / Mb} MB");
    }

    [Fact]
    public void A_loop_that_drops_400_MB_of_garbage_completes_under_64_MB()
    {
        var (result, error) = HardenedEngine.Evaluate(
            "var n = 0; for (var i = 0; i < 250000; i++) { var s = 'garbage-' + i + '-'.repeat(1000); n += s.length; } n",
            HardenedEngine.Limits(64 * Mb));

        HardenedEngine.Rethrow(error);
        Assert.True(long.Parse(result!, System.Globalization.CultureInfo.InvariantCulture) * 2 > 400 * Mb);
    }

    [Fact]
    public void A_loop_that_drops_garbage_is_confirmed_without_a_full_collection_per_budget()
    {
        // 400 MB of garbage against a 64 MB budget reaches the confirmation point six times; the heap's size without
        // a collection shows each time that the run holds little, so no blocking full collection is forced.
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);
        var (_, error) = HardenedEngine.Evaluate(
            "var n = 0; for (var i = 0; i < 250000; i++) { var s = 'garbage-' + i + '-'.repeat(1000); n += s.length; } n",
            HardenedEngine.Limits(64 * Mb));

        HardenedEngine.Rethrow(error);
        Assert.True(GC.CollectionCount(GC.MaxGeneration) - fullCollections < 3,
            $"{GC.CollectionCount(GC.MaxGeneration) - fullCollections} full collections during the run");
    }

    [Fact]
    public void A_loop_that_keeps_what_it_allocates_faults()
    {
        var (_, error) = HardenedEngine.Evaluate(
            "var keep = []; for (var i = 0; i < 1e7; i++) keep.push('kept-' + i + '-'.repeat(100)); keep.length",
            HardenedEngine.Limits(64 * Mb));

        Assert.IsType<MemoryLimitExceededException>(error);
    }

    [Fact]
    public void Memory_kept_across_turns_is_charged_to_the_run()
    {
        var (_, error) = HardenedEngine.OnPoolThread(() =>
        {
            var limits = HardenedEngine.Limits(32 * Mb);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var engine = HardenedEngine.Build(limits, deadline.Token);
            engine.Execute("var keep = []; function turn() { for (var i = 0; i < 2000; i++) keep.push('kept-' + keep.length + '-'.repeat(200)); return keep.length; }");
            for (var turn = 0; turn < 1000; turn++)
            {
                engine.Invoke("turn");
            }

            return "finished";
        });

        Assert.IsType<MemoryLimitExceededException>(error);
    }

    [Fact]
    public void Ordinary_builtin_use_stays_within_the_budget()
    {
        var (result, error) = HardenedEngine.Evaluate(
            """
            [
              'ab'.repeat(3), '5'.padStart(3, '0'), 'x'.padEnd(3, '-'), 'a'.concat('b', 1, null),
              [1, 'two', null].join('|'), new Uint8Array([1, 2, 3]).length, new Float64Array(4).byteLength,
              new ArrayBuffer(16).byteLength, new Uint8Array(1).constructor === Uint8Array,
              Uint8Array.name, Uint8Array.length, String.prototype.repeat.name, String.prototype.repeat.length,
              Object.keys(String.prototype).length, Uint8Array.from([1, 2]).length, new Uint8Array(4).slice(1).length
            ].join(',')
            """,
            HardenedEngine.Limits(16 * Mb));

        HardenedEngine.Rethrow(error);
        Assert.Equal("ababab,005,x--,ab1null,1|two|,3,32,16,true,Uint8Array,3,repeat,1,0,2,3", result);
    }
}
