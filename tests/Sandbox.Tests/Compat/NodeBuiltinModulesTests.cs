using System.Text.Encodings.Web;
using System.Text.Json;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// The pure built-in modules offered by default: each expression answers what Node 20 answered for it (the expected
/// values were produced by running the same expressions under <c>node</c>).
/// </summary>
public sealed class NodeBuiltinModulesTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    internal static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static TheoryData<string, string> Expressions => new()
    {
        { "require('util').format('%s=%d %j', 'a', 42, { b: [1] })", "\"a=42 {\\\"b\\\":[1]}\"" },
        { "require('util').inspect({ a: 1, b: 'x', c: [1, 2] })", "\"{ a: 1, b: 'x', c: [ 1, 2 ] }\"" },
        { "require('util').inspect({ [require('util').inspect.custom]() { return 'Money(5 EUR)'; } })", "\"Money(5 EUR)\"" },
        { "require('util').inspect({ price: { [Symbol.for('nodejs.util.inspect.custom')]: (depth, opts, inspect) => 'P' + depth + inspect([1]) } })", "\"{ price: P1[ 1 ] }\"" },
        { "require('util').format('%s|%o', { [require('util').inspect.custom]: () => ({ shown: true }) }, { [require('util').inspect.custom]: () => 'x' })", "\"{ shown: true }|x\"" },
        { "require('util').types.isDate(new Date()) && !require('util').types.isDate({})", "true" },
        { "require('util').isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })", "true" },
        { "typeof require('util').promisify", "\"function\"" },
        { "new (require('util').TextEncoder)().encode('é').length", "2" },
        { "(() => { const E = require('events'); const e = new E(); const seen = []; e.on('x', v => seen.push(v)); e.once('x', v => seen.push('once ' + v)); e.emit('x', 1); e.emit('x', 2); return [seen, e.listenerCount('x')]; })()", "[[1,\"once 1\",2],1]" },
        { "(() => { const a = require('assert'); try { a.deepStrictEqual({ a: 1 }, { a: '1' }); } catch (e) { return [e.name, e.code, e instanceof a.AssertionError]; } })()", "[\"AssertionError\",\"ERR_ASSERTION\",true]" },
        { "(() => { const a = require('assert'); a.strictEqual(1, 1); a.deepEqual({ a: 1 }, { a: '1' }); a.throws(() => { throw new TypeError('x'); }, TypeError); return 'ok'; })()", "\"ok\"" },
        { "require('buffer').Buffer === Buffer", "true" },
        { "require('node:buffer').Buffer.byteLength('héllo')", "6" },
        { "require('url').parse('http://user@host.com:8080/p/a/t/h?query=string#hash').pathname", "\"/p/a/t/h\"" },
        { "require('url').parse('http://user@host.com:8080/p/a/t/h?query=string#hash').port", "\"8080\"" },
        { "require('url').resolve('http://example.com/one/two', '../three')", "\"http://example.com/three\"" },
        { "new (require('url').URL)('http://x.org/a').pathname", "\"/a\"" },
        { "require('url').fileURLToPath('file:///tmp/a%20b.txt')", "\"/tmp/a b.txt\"" },
        { "require('querystring').stringify({ a: [1, 2], b: 'x y' })", "\"a=1&a=2&b=x%20y\"" },
        { "require('querystring').parse('a=1&a=2&b=x%20y')", "{\"a\":[\"1\",\"2\"],\"b\":\"x y\"}" },
        { "(() => { const { StringDecoder } = require('string_decoder'); const d = new StringDecoder('utf8'); return d.write(Buffer.from([0xe2, 0x82])) + '|' + d.end(Buffer.from([0xac])); })()", "\"|€\"" },
        { "require('crypto').createHash('sha256').update('abc').digest('hex')", "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"" },
        { "require('crypto').createHash('md5').update('a').update('bc').digest('base64')", "\"kAFQmDzST7DWlj99KOF/cg==\"" },
        { "require('crypto').createHash('sha1').update(Buffer.from('abc')).digest('hex')", "\"a9993e364706816aba3e25717850c26c9cd0d89d\"" },
        { "require('crypto').createHash('sha512').update('abc').digest('hex').length", "128" },
        { "require('crypto').createHmac('sha256', 'key').update('The quick brown fox').digest('hex')", "\"203d1e5cedd2d18f8c5a3beff0bd9c1ebcb97097dfcb288c46b00c9227fde2c0\"" },
        { "require('crypto').randomBytes(16).length", "16" },
        { "/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(require('crypto').randomUUID())", "true" },
        { "require('crypto').getRandomValues(new Uint8Array(8)).length", "8" },
        { "require('assert/strict').equal === require('assert').strictEqual", "true" },
        { "require('crypto').createHmac('sha256', require('crypto').createSecretKey(Buffer.from('key'))).update('The quick brown fox').digest('hex')", "\"203d1e5cedd2d18f8c5a3beff0bd9c1ebcb97097dfcb288c46b00c9227fde2c0\"" },
        { "(() => { const k = require('crypto').createSecretKey('secret', 'utf8'); return [k.type, k.symmetricKeySize, k.export().toString(), k.export({ format: 'jwk' }), k instanceof require('crypto').KeyObject]; })()", "[\"secret\",6,\"secret\",{\"kty\":\"oct\",\"k\":\"c2VjcmV0\"},true]" },
        { "(() => { const { Readable, Writable, Stream } = require('stream'); return [new Readable() instanceof Stream, new Writable() instanceof require('events'), typeof require('stream').promises.pipeline, require('stream/promises') === require('stream').promises]; })()", "[true,true,\"function\",true]" },
        { "[require('punycode').toASCII('mañana.com'), require('process') === process, typeof require('timers').setTimeout, typeof require('timers/promises').setTimeout]", "[\"xn--maana-pta.com\",true,\"function\",\"function\"]" },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public async Task Builtin_answers_as_in_node(string expression, string expectedJson)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {expression};"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(expectedJson, outcome.Result!.ToJsonString(Relaxed));
    }

    [Theory]
    [InlineData("fs")]
    [InlineData("child_process")]
    [InlineData("os")]
    [InlineData("vm")]
    [InlineData("worker_threads")]
    [InlineData("node:net")]
    public async Task Host_touching_modules_stay_not_found(string name)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => require('{name}');"));

        Assert.Equal(RunErrorKind.ModuleNotFound, outcome.Error!.Kind);
        Assert.Equal($"Cannot find module '{name}'", outcome.Error.Message);
    }

    [Fact]
    public async Task A_builtin_left_out_of_the_allow_list_is_not_found_but_still_serves_other_builtins()
    {
        await using var sandbox = new JsSandbox(new SandboxOptions { AllowedBuiltinModules = ["string_decoder"] });

        var outcome = await sandbox.RunAsync(Runs.Inline("""
            module.exports.f = () => {
              let buffer;
              try { require('buffer'); } catch (e) { buffer = e.code; }
              const { StringDecoder } = require('string_decoder');
              return [buffer, new StringDecoder('utf8').write(Buffer.from('ok'))];
            };
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("[\"MODULE_NOT_FOUND\",\"ok\"]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Stream_pipeline_flows_through_a_transform_and_reports_errors()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("""
            const { Readable, Transform, Writable, pipeline } = require('stream');
            const { pipeline: pipelined } = require('stream/promises');
            module.exports.f = async () => {
              const got = [];
              const upper = new Transform({ transform(chunk, enc, cb) { cb(null, String(chunk).toUpperCase()); } });
              await pipelined(Readable.from(['a', 'b', 'c']), upper, new Writable({ write(c, e, cb) { got.push(String(c)); cb(); } }));
              const failure = await new Promise(resolve => pipeline(
                new Readable({ read() { this.destroy(new Error('boom')); } }), new Writable({ write(c, e, cb) { cb(); } }), e => resolve(e && e.message)));
              const timed = await require('timers/promises').setTimeout(1, 'later');
              return [got.join(''), failure, timed];
            };
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("[\"ABC\",\"boom\",\"later\"]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Util_promisify_resolves_and_rejects_like_node()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("""
            const { promisify } = require('util');
            const later = (v, cb) => setTimeout(() => v < 0 ? cb(new RangeError('negative')) : cb(null, v * 2), 1);
            module.exports.f = async () => {
              const ok = await promisify(later)(21);
              const failed = await promisify(later)(-1).catch(e => e.name + ': ' + e.message);
              return [ok, failed];
            };
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("[42,\"RangeError: negative\"]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Crypto_digest_of_unknown_algorithm_is_a_clear_error()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => require('crypto').createHash('whirlpool');"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Equal("Digest method not supported", outcome.Error.Message);
    }
}
