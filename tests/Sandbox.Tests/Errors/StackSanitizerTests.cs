using IsolatedRuntime.Sandbox.Errors;

namespace IsolatedRuntime.Sandbox.Tests.Errors;

/// <summary>Stacks keep the run's own frames and lose every trace of the host.</summary>
public sealed class StackSanitizerTests
{
    [Theory]
    [InlineData("    at f (index.js:1:2)\n    at index.js:1:1", "    at f (index.js:1:2)")]
    [InlineData("    at f (/srv/code/root/lib/a.js:3:9)\n    at g (index.js:1:1)", "    at f (lib/a.js:3:9)\n    at g (index.js:1:1)")]
    [InlineData("    at f (/etc/elsewhere/secret.js:3:9)\n    at g (index.js:1:1)", "    at f (secret.js:3:9)\n    at g (index.js:1:1)")]
    [InlineData("    at f (C:\\work\\secret.js:3:9)\n    at g (index.js:1:1)", "    at f (secret.js:3:9)\n    at g (index.js:1:1)")]
    [InlineData("    at boot (sandbox:bootstrap:1:1)\n    at g (index.js:1:1)\n    at h (index.js:2:1)", "    at g (index.js:1:1)\n    at h (index.js:2:1)")]
    [InlineData("    at index.js:4:1", "    at index.js:4:1")]
    [InlineData("not a frame", null)]
    [InlineData("", null)]
    public void Frames_are_kept_cleaned_or_dropped(string input, string? expected)
    {
        Assert.Equal(expected, StackSanitizer.Sanitize(input, "/srv/code/root"));
    }

    [Fact]
    public void Long_stacks_are_cut_to_twenty_frames()
    {
        var frames = string.Join('\n', Enumerable.Range(1, 100).Select(i => $"    at f (index.js:{i}:1)"));

        var stack = StackSanitizer.Sanitize(frames, null)!;

        Assert.Equal(StackSanitizer.MaxFrames, stack.Split('\n').Length);
    }
}
