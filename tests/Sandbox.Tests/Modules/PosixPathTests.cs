using IsolatedRuntime.Sandbox.Modules.Paths;

namespace IsolatedRuntime.Sandbox.Tests.Modules;

/// <summary>Virtual paths normalize like POSIX paths, except that nothing may climb above the root.</summary>
public sealed class PosixPathTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a/b", "/a/b")]
    [InlineData("/a//b/", "/a/b")]
    [InlineData("/a/./b/../c", "/a/c")]
    [InlineData("/.hidden/x", "/.hidden/x")]
    [InlineData("/a/..", "/")]
    [InlineData("/..", null)]
    [InlineData("/a/../../b", null)]
    public void Normalize_resolves_dots_and_refuses_to_climb_above_the_root(string path, string? expected)
    {
        Assert.Equal(expected, PosixPath.Normalize(path));
    }

    [Theory]
    [InlineData("/", "x.js", "/x.js")]
    [InlineData("/lib", "./x", "/lib/x")]
    [InlineData("/lib", "../x", "/x")]
    [InlineData("/lib", "../../x", null)]
    public void Combine_joins_a_relative_request_onto_a_folder(string directory, string relative, string? expected)
    {
        Assert.Equal(expected, PosixPath.Combine(directory, relative));
    }

    [Theory]
    [InlineData("/lib/a.js", "/lib", "a.js", "js", "lib/a.js")]
    [InlineData("/a", "/", "a", "", "a")]
    [InlineData("/lib/.env", "/lib", ".env", "", "lib/.env")]
    public void Parts_of_a_path(string path, string directory, string name, string extension, string display)
    {
        Assert.Equal(
            (directory, name, extension, display),
            (PosixPath.Directory(path), PosixPath.FileName(path), PosixPath.Extension(path), PosixPath.ToDisplayName(path)));
    }
}
