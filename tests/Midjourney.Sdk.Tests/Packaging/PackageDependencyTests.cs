using System.Xml.Linq;
using Midjourney.Sdk.Tests.TestSupport;

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

    [Fact]
    public void SdkProject_DoesNotDependOnAspNetCore()
    {
        XDocument project = SdkProject();

        // ASP.NET Core comes with Midjourney.Sdk.AspNetCore only: apps that call providers from a console or a worker do not get it.
        Assert.Empty(project.Descendants("FrameworkReference"));
        Assert.DoesNotContain(
            project.Descendants("PackageReference"),
            p => ((string?)p.Attribute("Include") ?? "").StartsWith("Microsoft.AspNetCore", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Microsoft.NET.Sdk", (string?)project.Root!.Attribute("Sdk"));
        Assert.DoesNotContain(typeof(IMidjourneyClient).Assembly.GetReferencedAssemblies(), a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void AspNetCoreProject_IsPackableOverTheSdkAndTheSharedFramework()
    {
        XDocument project = Project("Midjourney.Sdk.AspNetCore");

        Assert.Equal("true", project.Descendants("IsPackable").Single().Value);
        Assert.Equal("Microsoft.AspNetCore.App", (string?)project.Descendants("FrameworkReference").Single().Attribute("Include"));
        Assert.Equal("../Midjourney.Sdk/Midjourney.Sdk.csproj", (string?)project.Descendants("ProjectReference").Single().Attribute("Include"));
        Assert.Equal(
            SdkProject().Descendants("TargetFrameworks").Single().Value,
            project.Descendants("TargetFrameworks").Single().Value);
        Assert.Empty(project.Descendants("PackageReference"));
    }

    [Fact]
    public void SdkProject_DoesNotDependOnRedis()
    {
        XDocument project = SdkProject();

        // StackExchange.Redis comes with Midjourney.Sdk.Redis only: apps on one machine do not get it.
        Assert.DoesNotContain(
            project.Descendants("PackageReference"),
            p => ((string?)p.Attribute("Include") ?? "").Contains("Redis", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(typeof(IMidjourneyClient).Assembly.GetReferencedAssemblies(), a => a.Name!.Contains("Redis", StringComparison.Ordinal));
    }

    [Fact]
    public void RedisProject_IsPackableOverTheSdkAndStackExchangeRedis()
    {
        XDocument project = Project("Midjourney.Sdk.Redis");

        Assert.Equal("true", project.Descendants("IsPackable").Single().Value);
        Assert.Equal("true", project.Descendants("GenerateDocumentationFile").Single().Value);
        Assert.Equal("../Midjourney.Sdk/Midjourney.Sdk.csproj", (string?)project.Descendants("ProjectReference").Single().Attribute("Include"));
        Assert.Equal(
            SdkProject().Descendants("TargetFrameworks").Single().Value,
            project.Descendants("TargetFrameworks").Single().Value);
        Assert.Contains(project.Descendants("PackageReference"), p => (string?)p.Attribute("Include") == "StackExchange.Redis");
        Assert.Contains(project.Descendants("None"), n => (string?)n.Attribute("Include") == "../../README.md" && (string?)n.Attribute("Pack") == "true");
    }

    private static XDocument SdkProject() => Project("Midjourney.Sdk");

    private static XDocument Project(string name) =>
        XDocument.Load(RepositoryRoot.Combine("src", name, name + ".csproj"));
}
