using System.Text;
using IsolatedRuntime.Contracts;
using IsolatedRuntime.Sandbox.Tests.Execution;

namespace IsolatedRuntime.Sandbox.Tests.Errors;

/// <summary>
/// An error's name, message and stack are cut to size like results and console output: a script cannot make its
/// outcome (a broker message, a result-store entry) tens of megabytes by throwing.
/// </summary>
public sealed class ErrorSizeTests() : SandboxTest(new SandboxOptions { MaxMemoryLimitBytes = 512L * 1024 * 1024, MaxErrorBytes = 64 * 1024 })
{
    public static TheoryData<string, string> HugeErrors => new()
    {
        { "a 60 MB message", "module.exports.f = () => { throw new Error('M'.repeat(3e7)); };" },
        { "a 60 MB name", "module.exports.f = () => { const e = new Error('m'); e.name = 'N'.repeat(3e7); throw e; };" },
        { "a 60 MB name on a subclass prototype", "class Big extends Error {} Big.prototype.name = 'B'.repeat(3e7); module.exports.f = () => { throw new Big('m'); };" },
        { "a message built by concatenation", "module.exports.f = () => { let s = 'ab'; for (let i = 0; i < 24; i++) s += s; throw new TypeError(s); };" },
        { "a rejection with a huge message", "module.exports.f = async () => { throw new RangeError('R'.repeat(3e7)); };" },
        { "a huge message thrown from a timer", "module.exports.f = () => new Promise(() => setTimeout(() => { throw new Error('T'.repeat(3e7)); }, 1));" },
        { "a huge string thrown", "module.exports.f = () => { throw 'S'.repeat(3e7); };" },
        { "a huge function name in the stack", "const name = 'F'.repeat(1e6); const o = { [name]() { throw new Error('in a long name'); } }; module.exports.f = () => o[name]();" },
        { "a huge message of multi-byte characters", "module.exports.f = () => { throw new Error('é😀'.repeat(5e6)); };" },
    };

    [Theory]
    [MemberData(nameof(HugeErrors))]
    public async Task A_huge_error_is_cut_to_the_error_size_cap(string name, string source)
    {
        var outcome = await Sandbox.RunAsync(new RunOptions
        {
            Sources = new Dictionary<string, string> { ["index.js"] = source },
            File = "index.js",
            FuncName = "f",
            Timeout = TimeSpan.FromSeconds(30),
            MemoryLimitBytes = 512L * 1024 * 1024,
        });

        Assert.Equal(RunErrorKind.UserError, outcome.Error?.Kind);
        var error = outcome.Error!;
        Assert.InRange(error.Name.Length, 1, 201);
        Assert.InRange(Encoding.UTF8.GetByteCount(error.Message), 1, 64 * 1024);
        Assert.InRange(Encoding.UTF8.GetByteCount(error.Stack ?? ""), 0, 64 * 1024);
        Assert.True(
            error.Message.Contains("more characters", StringComparison.Ordinal) || error.Name.EndsWith('…') || (error.Stack ?? "").Contains("more characters]", StringComparison.Ordinal),
            $"{name}: nothing says the error was cut");
    }

    [Fact]
    public async Task An_error_that_fits_is_kept_whole()
    {
        var outcome = await Sandbox.RunAsync(Runs.Inline("module.exports.f = () => { throw new Error('x'.repeat(20000)); };"));

        Assert.Equal(new string('x', 20000), outcome.Error!.Message);
    }

    [Fact]
    public void The_error_size_cap_is_validated()
    {
        var error = Assert.Throws<ArgumentException>(() => new JsSandbox(new SandboxOptions { MaxErrorBytes = 10 }));

        Assert.Contains("MaxErrorBytes", error.Message, StringComparison.Ordinal);
    }
}
