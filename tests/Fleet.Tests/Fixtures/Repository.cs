namespace IsolatedRuntime.Fleet.Tests;

/// <summary>The checkout the tests run from.</summary>
internal static class Repository
{
    /// <summary>The folder holding IsolatedRuntime.sln, above the test binaries.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IsolatedRuntime.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (IsolatedRuntime.sln) is not above the test binaries.");
    }
}
