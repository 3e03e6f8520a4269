using System.Xml.Linq;

namespace Midjourney.Sdk.Tests.Packaging;

/// <summary>What the package brings to the apps that use it, read from the project that builds it.</summary>
public sealed class PackageDependencyTests
{
    [Fact]
    public void Refit_ReachesConsumersAsARuntimeDependencyOnly()
    {
        XElement refit = SdkProject().Descendants("PackageReference").Single(p => (string?)p.Attribute("Include") == "Refit");

        string[] privateAssets = ((string?)refit.Attribute("PrivateAssets") ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        // The generator, its analyzers and its build files stay in this repository's build; consumers get lib/ only.
        Assert.Contains("analyzers", privateAssets);
        Assert.Contains("build", privateAssets);
        Assert.Contains("buildtransitive", privateAssets);
        Assert.DoesNotContain("runtime", privateAssets);
        Assert.DoesNotContain("compile", privateAssets);
    }

    [Fact]
    public void SdkProject_RequiresGeneratedRefitRequestsAndStaysAotCompatible()
    {
        XDocument project = SdkProject();

        Assert.Equal("true", project.Descendants("RefitRequireGeneratedRequests").Single().Value);
        Assert.Equal("true", project.Descendants("IsAotCompatible").Single().Value);
    }

    private static XDocument SdkProject()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Midjourney.Sdk.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return XDocument.Load(Path.Combine(directory.FullName, "src", "Midjourney.Sdk", "Midjourney.Sdk.csproj"));
    }
}
