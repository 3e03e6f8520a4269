namespace Midjourney.Sdk.Tests.TestSupport;

/// <summary>
/// The checkout the tests run from, found above the test assembly. Not from <c>[CallerFilePath]</c>: a CI build
/// (<c>ContinuousIntegrationBuild</c>) maps source paths to <c>/_/</c>, which exists nowhere on disk.
/// </summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    /// <summary>The full path of the folder holding <c>Midjourney.Sdk.sln</c>.</summary>
    public static string Path => Root.Value;

    /// <summary>A path inside the checkout.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Midjourney.Sdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Could not find the repository root (Midjourney.Sdk.sln) above " + AppContext.BaseDirectory);
    }
}
