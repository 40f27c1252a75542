using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Compat;

/// <summary>
/// Objects whose work is done by .NET behind the script (crypto digests, random bytes, formatting) keep their state
/// out of the script's reach, and a bad argument is an error the script can catch — never an <c>Internal</c> fault.
/// </summary>
public sealed class HostBackedObjectTests() : SandboxTest(new SandboxOptions { Pool = { MinThreads = 1, MaxThreads = 2 } })
{
    // Each expression runs inside try/catch; the answer is its value, or the caught error's name.
    public static TheoryData<string, string> Tampering => new()
    {
        { "(() => { const h = require('crypto').createHash('md5'); h._alg = {}; return h.digest('hex'); })()", "\"d41d8cd98f00b204e9800998ecf8427e\"" },
        { "(() => { const h = require('crypto').createHash('md5'); h._parts = { join() { return {}; } }; return h.update('a').digest('hex'); })()", "\"0cc175b9c0f1b6a831c399e269772661\"" },
        { "(() => { const h = require('crypto').createHmac('sha1', 'k'); h._key = {}; h._done = false; return h.digest('hex').length; })()", "40" },
        { "(() => { const h = require('crypto').createHash('sha256').update('a'); const c = h.copy(); h.digest(); return c.digest('hex').slice(0, 8); })()", "\"ca978112\"" },
        { "Object.getOwnPropertyNames(require('crypto').createHash('md5'))", "[]" },
        { "(() => { const h = require('crypto').createHash('md5'); Object.setPrototypeOf(h, { digest() { return 'mine'; } }); return h.digest(); })()", "\"mine\"" },
        { "require('crypto').createHash('md5').digest.call({}, 'hex')", "\"TypeError\"" },
        { "require('crypto').createHash('md5').update.call(null, 'a')", "\"TypeError\"" },
        { "require('crypto').createHash('md5').update({})", "\"TypeError\"" },
        { "require('crypto').createHash({ toString() { throw new RangeError('no'); } })", "\"RangeError\"" },
        { "require('crypto').createHash('nope')", "\"Error\"" },
        { "require('crypto').randomBytes(-1)", "\"RangeError\"" },
        { "require('crypto').randomBytes(2 ** 40)", "\"RangeError\"" },
        { "require('crypto').getRandomValues(new Float64Array(2))", "\"TypeMismatchError\"" },
        { "require('crypto').timingSafeEqual(Buffer.from('a'), Buffer.from('ab'))", "\"RangeError\"" },
        { "require('crypto').randomInt(10) < 10", "true" },
        { "require('util').format({ toString: 1 }, Symbol('s'), 10n)", "\"{ toString: 1 } Symbol(s) 10n\"" },
        { "require('util').inspect(new Proxy({}, { ownKeys() { throw new Error('trap'); } }))", "\"{}\"" },
        { "new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff]))", "\"TypeError\"" },
        { "new TextDecoder('no-such-encoding')", "\"RangeError\"" },
        { "Buffer.from({ length: -1 }).length", "0" },
        { "Buffer.alloc(-1)", "\"RangeError\"" },
        { "structuredClone(() => 1)", "\"DataCloneError\"" },
        { "new URL('not a url')", "\"TypeError\"" },
        { "atob('*')", "\"InvalidCharacterError\"" },
    };

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_host_backed_object_keeps_its_state_and_bad_arguments_are_catchable(string expression, string expected)
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline($"module.exports.f = () => {{ try {{ return {expression}; }} catch (e) {{ return e.name; }} }};"));

        Assert.True(outcome.IsCompleted, $"{outcome.Error?.Kind}: {outcome.Error?.Message}");
        Assert.Equal(expected, outcome.Result!.ToJsonString());
    }
}
