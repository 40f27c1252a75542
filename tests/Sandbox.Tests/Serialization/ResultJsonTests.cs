using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Serialization;

/// <summary>Results follow JSON.stringify; arguments and context arrive as plain JavaScript values.</summary>
public sealed class ResultJsonTests() : SandboxTest(new SandboxOptions { MaxResultBytes = 64 * 1024 })
{
    [Theory]
    [InlineData("undefined", "null")]
    [InlineData("null", "null")]
    [InlineData("() => 1", "null")]
    [InlineData("Symbol('s')", "null")]
    [InlineData("NaN", "null")]
    [InlineData("-0", "0")]
    [InlineData("1.5", "1.5")]
    [InlineData("'text'", "\"text\"")]
    [InlineData("[undefined, () => 1, Symbol('s'), Infinity]", "[null,null,null,null]")]
    [InlineData("({ a: undefined, b: () => 1, c: 1, [Symbol('s')]: 2 })", "{\"c\":1}")]
    [InlineData("({ toJSON() { return { via: 'toJSON' }; } })", "{\"via\":\"toJSON\"}")]
    [InlineData("({ d: new Date(0) })", "{\"d\":\"1970-01-01T00:00:00.000Z\"}")]
    [InlineData("Object.defineProperty({ shown: 1 }, 'hidden', { value: 2, enumerable: false })", "{\"shown\":1}")]
    [InlineData("({ get computed() { return 40 + 2; } })", "{\"computed\":42}")]
    [InlineData("new Map([[1, 2]])", "{}")]
    [InlineData("Object.assign(Object.create({ inherited: 1 }), { own: 2 })", "{\"own\":2}")]
    [InlineData("new Proxy({ a: 1 }, {})", "{\"a\":1}")]
    [InlineData("new Uint8Array([1, 2])", "{\"0\":1,\"1\":2}")]
    [InlineData("new Number(5)", "5")]
    [InlineData("({ s: new String('wrapped'), b: new Boolean(false) })", "{\"s\":\"wrapped\",\"b\":false}")]
    [InlineData("[Object(Symbol('s')), Object.assign(new Number(2), { valueOf: () => 7 })]", "[{},7]")]
    public async Task Result_is_serialized_like_JSON_stringify(string expression, string json)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => ({expression});"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(json, outcome.Result?.ToJsonString() ?? "null");
    }

    [Fact]
    public async Task Integral_numbers_read_back_as_integers()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => [1, 2 ** 40, 0.5];"));

        Assert.Equal(1, outcome.Result![0]!.GetValue<int>());
        Assert.Equal(1L << 40, outcome.Result[1]!.GetValue<long>());
        Assert.Equal(0.5, outcome.Result[2]!.GetValue<double>());
    }

    [Fact]
    public async Task Shared_but_acyclic_references_are_fine()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => { const x = { v: 1 }; return [x, x]; };"));

        Assert.Equal("[{\"v\":1},{\"v\":1}]", outcome.Result!.ToJsonString());
    }

    [Theory]
    [InlineData("({ list: [1, { deep: 5n }] })", "BigInt at result.list[1].deep")]
    [InlineData("(() => { const a = []; a.push({ back: a }); return a; })()", "cyclic: the value at result[0].back refers back")]
    [InlineData("'x'.repeat(100 * 1024)", "65,536-byte result limit")]
    [InlineData("new Float64Array(4000000)", "65,536-byte result limit")]
    [InlineData("new BigInt64Array(2)", "BigInt at result[0]")]
    [InlineData("({ wrapped: Object(1n) })", "BigInt at result.wrapped")]
    public async Task Unserializable_result_says_why_and_where(string expression, string messagePart)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {expression};"));

        Assert.Equal(RunErrorKind.ResultNotSerializable, outcome.Error!.Kind);
        Assert.StartsWith("The result of 'f' in index.js cannot be sent as JSON: ", outcome.Error.Message, StringComparison.Ordinal);
        Assert.Contains(messagePart, outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToJSON_that_throws_is_the_users_error()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => ({ toJSON() { throw new Error('no json'); } });"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Equal("no json", outcome.Error.Message);
    }

    [Fact]
    public async Task Arguments_arrive_as_plain_javascript_values()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(
            """
            module.exports.f = (n, s, b, nil, arr, obj) => [
              typeof n, typeof s, typeof b, nil === null, Array.isArray(arr), Object.getPrototypeOf(obj) === Object.prototype,
              JSON.stringify(obj), arr.map(x => x * 2),
            ];
            """,
            argsJson: "[1.5, \"s\", true, null, [1, 2], {\"k\": {\"nested\": [true]}}]"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        var result = outcome.Result!.AsArray();
        Assert.Equal("[\"number\",\"string\",\"boolean\",true,true,true]", new System.Text.Json.Nodes.JsonArray([.. result.Take(6).Select(n => n!.DeepClone())]).ToJsonString());
        Assert.Equal("{\"k\":{\"nested\":[true]}}", result[6]!.GetValue<string>());
        Assert.Equal("[2,4]", result[7]!.ToJsonString());
    }

    [Fact]
    public async Task Context_objects_are_plain_and_mutable_per_run()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(
            "module.exports.f = () => { cfg.added = 1; return [Object.getPrototypeOf(cfg) === Object.prototype, cfg]; };",
            contextJson: "{\"cfg\": {\"x\": [1]}}"));

        Assert.Equal("[true,{\"x\":[1],\"added\":1}]", outcome.Result!.ToJsonString());
    }
}
