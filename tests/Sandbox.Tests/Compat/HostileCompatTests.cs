using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// Hostile uses of the globals and built-ins: each ends as a run error of the right kind, and the host lives on.
/// </summary>
public sealed class HostileCompatTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    public static TheoryData<string, string, RunErrorKind> HostileCode => new()
    {
        { "huge Buffer", "module.exports.f = () => Buffer.alloc(2 ** 30).length;", RunErrorKind.MemoryLimit },
        { "huge randomBytes", "module.exports.f = () => require('crypto').randomBytes(2 ** 30).length;", RunErrorKind.MemoryLimit },
        { "deep structuredClone", "module.exports.f = () => { let o = {}; for (let i = 0; i < 100000; i++) o = { o }; return structuredClone(o) && 1; };", RunErrorKind.RecursionLimit },
        { "negative randomBytes", "module.exports.f = () => require('crypto').randomBytes(-1);", RunErrorKind.UserError },
        { "hash of a non-string", "module.exports.f = () => require('crypto').createHash('sha256').update({}).digest('hex');", RunErrorKind.UserError },
        { "captureStackTrace on a primitive", "module.exports.f = () => Error.captureStackTrace(42);", RunErrorKind.UserError },
        { "URL of garbage", "module.exports.f = () => new URL('\\u0000:::');", RunErrorKind.UserError },
        { "nextTick of a non-function", "module.exports.f = () => process.nextTick(42);", RunErrorKind.UserError },
        { "getRandomValues over the quota", "module.exports.f = () => crypto.getRandomValues(new Uint8Array(70000));", RunErrorKind.UserError },
        { "digest of a non-buffer", "module.exports.f = () => crypto.subtle.digest('SHA-256', 'text');", RunErrorKind.UserError },
        { "digest of an unknown algorithm", "module.exports.f = () => crypto.subtle.digest('MD4', new Uint8Array(1));", RunErrorKind.UserError },
        { "event target with Map poisoned first", "module.exports.f = () => { Map.prototype.get = null; Map.prototype.set = null; const t = new EventTarget(); t.addEventListener('x', () => {}); return t.dispatchEvent(new Event('x')); };", RunErrorKind.UserError },
        { "abort signal state forged", "module.exports.f = () => { const s = new AbortController().signal; Object.defineProperty(s, 'aborted', { value: true }); s.throwIfAborted(); throw new Error('not aborted'); };", RunErrorKind.UserError },
        { "listener throwing", "module.exports.f = () => { const t = new EventTarget(); t.addEventListener('x', () => { throw new Error('in listener'); }); t.dispatchEvent(new Event('x')); return new Promise(r => setTimeout(r, 10)); };", RunErrorKind.UserError },
        { "hmac of a key object of the wrong kind", "module.exports.f = () => require('crypto').createHmac('sha256', require('crypto').createPrivateKey('x'));", RunErrorKind.UserError },
        { "process.env poisoned getter", "module.exports.f = () => { Object.defineProperty(process.env, 'X', { get() { throw new Error('no'); } }); return process.env.X; };", RunErrorKind.UserError },
    };

    [Theory]
    [MemberData(nameof(HostileCode))]
    public async Task Hostile_use_ends_as_a_run_error_and_the_next_run_is_fine(string label, string code, RunErrorKind kind)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline(code, timeout: TimeSpan.FromSeconds(20)));
        var next = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => Buffer.from('ok').toString();"));

        Assert.True(outcome.Error?.Kind == kind, $"{label}: {outcome.Error?.Kind} {outcome.Error?.Message}");
        Assert.Equal("ok", next.Result!.GetValue<string>());
    }
}
