using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>The Node-like globals: each answers what Node 20 answers for the same expression.</summary>
public sealed class NodeGlobalsTests() : SandboxTest(new SandboxOptions
{
    Pool = { MinThreads = 1, MaxThreads = 2 },
    ProcessEnv = new Dictionary<string, string> { ["NODE_ENV"] = "production" },
})
{
    public static TheoryData<string, string> Expressions => new()
    {
        { "btoa('hello')", "\"aGVsbG8=\"" },
        { "atob('aGVsbG8=')", "\"hello\"" },
        { "(() => { try { btoa('€'); } catch (e) { return e.name; } })()", "\"InvalidCharacterError\"" },
        { "Array.from(new TextEncoder().encode('h€😀'))", "[104,226,130,172,240,159,152,128]" },
        { "[...new TextDecoder().decode(new Uint8Array([104, 226, 130, 172, 240, 159, 152, 128]))].map(c => c.codePointAt(0))", "[104,8364,128512]" },
        { "new TextDecoder().decode(new Uint8Array([0xff, 0x41]))", "\"\uFFFDA\"" },
        { "(() => { try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { return e.code; } })()", "\"ERR_ENCODING_INVALID_ENCODED_DATA\"" },
        { "(() => { const o = { d: new Date(0), m: new Map([[1, { x: 1 }]]), s: new Set([2]) }; o.self = o; const c = structuredClone(o); return [c !== o, c.self === c, c.d instanceof Date, c.m.get(1).x, c.s.has(2)]; })()", "[true,true,true,1,true]" },
        { "(() => { try { structuredClone({ f() {} }); } catch (e) { return e.name; } })()", "\"DataCloneError\"" },
        { "new URL('https://User:pw@Example.COM:443/a/./b/../c?x=1#frag').href", "\"https://User:pw@example.com/a/c?x=1#frag\"" },
        { "(() => { const u = new URL('../d?q=1', 'http://h.com/a/b/c'); return [u.href, u.origin, u.pathname, u.searchParams.get('q')]; })()", "[\"http://h.com/a/d?q=1\",\"http://h.com\",\"/a/d\",\"1\"]" },
        { "(() => { try { new URL('not a url'); } catch (e) { return [e.name, e.code]; } })()", "[\"TypeError\",\"ERR_INVALID_URL\"]" },
        { "(() => { const u = new URL('http://x.org/?a=1'); u.searchParams.append('b', 'c d'); return u.href; })()", "\"http://x.org/?a=1&b=c+d\"" },
        { "new URLSearchParams({ a: '1', b: 'x y' }).toString()", "\"a=1&b=x+y\"" },
        { "Buffer.from('héllo').toString('base64')", "\"aMOpbGxv\"" },
        { "Buffer.from('68656c6c6f', 'hex').toString()", "\"hello\"" },
        { "Buffer.isBuffer(Buffer.alloc(3)) && Buffer.alloc(3) instanceof Uint8Array", "true" },
        { "Buffer.concat([Buffer.from('a'), Buffer.from('b')]).toJSON()", "{\"type\":\"Buffer\",\"data\":[97,98]}" },
        { "[process.env.NODE_ENV, Object.keys(process.env).length, process.platform, process.argv.length, typeof process.version]", "[\"production\",1,\"linux\",0,\"string\"]" },
        { "[typeof process.kill, typeof process.binding, process.cwd()]", "[\"function\",\"function\",\"/\"]" },
        { "(() => { function MyError() { Error.captureStackTrace(this, MyError); } MyError.prototype = Object.create(Error.prototype); MyError.prototype.name = 'MyError'; MyError.prototype.message = 'boom'; const e = new MyError(); return [typeof e.stack, e.stack.split('\\n')[0]]; })()", "[\"string\",\"MyError: boom\"]" },
        { "Error.stackTraceLimit", "10" },
        { "[typeof AbortController, typeof EventTarget, typeof Event, typeof performance.now(), typeof crypto.randomUUID(), crypto.getRandomValues(new Uint8Array(3)).length]", "[\"function\",\"function\",\"function\",\"number\",\"string\",3]" },
        { "(() => { const c = new AbortController(); const seen = []; c.signal.addEventListener('abort', e => seen.push(e.type, c.signal.reason.name)); c.signal.onabort = () => seen.push('on'); c.abort(); return [seen, c.signal.aborted, AbortSignal.abort('x').reason]; })()", "[[\"abort\",\"AbortError\",\"on\"],true,\"x\"]" },
        { "(() => { const t = new EventTarget(); const out = []; t.addEventListener('x', e => out.push(e.detail, e.target === t), { once: true }); t.dispatchEvent(new CustomEvent('x', { detail: 1 })); t.dispatchEvent(new CustomEvent('x', { detail: 2 })); return out; })()", "[1,true]" },
        { "(() => { const e = new Event('x', { cancelable: true }); const t = new EventTarget(); t.addEventListener('x', ev => ev.preventDefault()); return [t.dispatchEvent(e), e.defaultPrevented, Event.AT_TARGET]; })()", "[false,true,2]" },
        { "[new DOMException('m', 'AbortError').code, String(new DOMException('m', 'AbortError')), new DOMException('m', 'AbortError') instanceof Error]", "[20,\"AbortError: m\",true]" },
        { "[require('crypto').webcrypto === crypto, Object.prototype.toString.call(crypto.subtle), Object.prototype.toString.call(new AbortController().signal)]", "[true,\"[object SubtleCrypto]\",\"[object AbortSignal]\"]" },
        { "[Object.getOwnPropertyNames(new AbortController()).length, Object.getOwnPropertyNames(AbortSignal.abort()).length, Object.getOwnPropertyNames(new Event('x')).length]", "[0,0,0]" },
        { "(() => { try { new AbortSignal(); } catch (e) { return [e.name, e.code]; } })()", "[\"TypeError\",\"ERR_ILLEGAL_CONSTRUCTOR\"]" },
        { "(() => { const a = performance.now(); for (let i = 0; i < 1000; i++); const b = performance.now(); return [b >= a, typeof performance.timeOrigin, performance.mark('m').name]; })()", "[true,\"number\",\"m\"]" },
    };

    [Theory]
    [MemberData(nameof(Expressions))]
    public async Task Global_answers_as_in_node(string expression, string expectedJson)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {expression};"));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(expectedJson, outcome.Result!.ToJsonString(NodeBuiltinModulesTests.Relaxed));
    }

    [Fact]
    public async Task Web_crypto_digests_and_signs_as_node_does()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("""
            module.exports.f = async () => {
              const data = new TextEncoder().encode('abc');
              const digest = Buffer.from(await crypto.subtle.digest('SHA-256', data)).toString('hex');
              const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('key'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
              const signature = await crypto.subtle.sign('HMAC', key, data);
              return [digest, Buffer.from(signature).toString('hex'), await crypto.subtle.verify('HMAC', key, signature, data)];
            };
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal(
            "[\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\",\"9c196e32dc0175f86f4b1cb89289d6619de6bee699e4c378e68309ed97a1a6ab\",true]",
            outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Abort_signal_timeout_aborts_on_the_runs_own_timers()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("""
            module.exports.f = () => new Promise(resolve => {
              const signal = AbortSignal.timeout(5);
              signal.addEventListener('abort', () => resolve([signal.aborted, signal.reason.name, signal.reason.message]));
            });
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("[true,\"TimeoutError\",\"The operation was aborted due to timeout\"]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Process_next_tick_runs_before_timers_and_after_the_current_job()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("""
            module.exports.f = () => new Promise(resolve => {
              const order = [];
              setTimeout(() => { order.push('timeout'); resolve(order); }, 0);
              process.nextTick((a, b) => order.push('tick ' + a + b), 1, 2);
              order.push('sync');
            });
            """));

        Assert.True(outcome.IsCompleted, outcome.Error?.Message);
        Assert.Equal("[\"sync\",\"tick 12\",\"timeout\"]", outcome.Result!.ToJsonString());
    }

    [Theory]
    [InlineData("process.exit(1)", "process.exit() is not available in the sandbox")]
    [InlineData("process.kill(1)", "process.kill() is not available in the sandbox")]
    [InlineData("process.binding('fs')", "process.binding() is not available in the sandbox")]
    public async Task Host_reaching_process_methods_throw_a_clear_error(string call, string message)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {call};"));

        Assert.Equal(RunErrorKind.UserError, outcome.Error!.Kind);
        Assert.Contains(message, outcome.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Process_env_is_empty_unless_the_operator_configures_it()
    {
        await using var plain = new JsSandbox();

        var outcome = await plain.RunAsync(Runs.Inline("module.exports.f = () => Object.keys(process.env);"));

        Assert.Equal("[]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Node_globals_are_not_enumerable_and_can_be_replaced()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("""
            module.exports.f = () => {
              const hidden = ['Buffer', 'process', 'URL', 'TextEncoder', 'structuredClone'].filter(k => Object.keys(globalThis).includes(k));
              globalThis.Buffer = 1;
              return [hidden, Buffer];
            };
            """));

        Assert.Equal("[[],1]", outcome.Result!.ToJsonString());
    }

    [Fact]
    public async Task Writes_to_a_node_global_do_not_reach_the_next_run()
    {
        await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => { process.env.X = 'leak'; Buffer.poisoned = true; };"));

        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => [process.env.X ?? null, Buffer.poisoned ?? null];"));

        Assert.Equal("[null,null]", outcome.Result!.ToJsonString());
    }
}
