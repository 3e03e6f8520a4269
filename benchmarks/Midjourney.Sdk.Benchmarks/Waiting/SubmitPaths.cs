namespace Midjourney.Sdk.Benchmarks.Waiting;

/// <summary>Tells a submit from a status request by path, for counting what waits cost.</summary>
public static class SubmitPaths
{
    public static bool IsSubmit(Uri url)
    {
        string path = url.AbsolutePath;
        return path.EndsWith("/imagine", StringComparison.Ordinal)
            || path.EndsWith("/generate", StringComparison.Ordinal)
            || path.EndsWith("/generateTask/midjourney", StringComparison.Ordinal);
    }
}
