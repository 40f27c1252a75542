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
