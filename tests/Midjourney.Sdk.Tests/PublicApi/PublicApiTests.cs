using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.PublicApi;

/// <summary>
/// The public API listings in api/ must match the assemblies, so every API change is a visible diff in review.
/// After a deliberate change, regenerate them with: <c>UPDATE_API_LISTING=1 dotnet test --filter PublicApi</c>.
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string> Assemblies => ["Midjourney.Sdk", "Midjourney.Sdk.Emulator", "Midjourney.Sdk.AspNetCore", "Midjourney.Sdk.Redis"];

    [Theory]
    [MemberData(nameof(Assemblies))]
    public void PublicApi_Assembly_MatchesCheckedInListing(string assemblyName)
    {
        Assembly assembly = assemblyName switch
        {
            "Midjourney.Sdk" => typeof(IMidjourneyClient).Assembly,
            "Midjourney.Sdk.Emulator" => typeof(MidjourneyEmulator).Assembly,
            "Midjourney.Sdk.AspNetCore" => typeof(MidjourneyWebhookEndpointRouteBuilderExtensions).Assembly,
            "Midjourney.Sdk.Redis" => typeof(MidjourneyRedisOptions).Assembly,
            _ => throw new ArgumentOutOfRangeException(nameof(assemblyName), assemblyName, "Not one of the listed assemblies."),
        };
        string actual = PublicApiListing.Create(assembly);
        string listingPath = Path.Combine(RepositoryRoot.Path, "api", assemblyName + ".txt");

        if (Environment.GetEnvironmentVariable("UPDATE_API_LISTING") == "1")
        {
            File.WriteAllText(listingPath, actual);
        }

        Assert.True(File.Exists(listingPath), $"No API listing at {listingPath}. Create it with: UPDATE_API_LISTING=1 dotnet test --filter PublicApi");
        string expected = File.ReadAllText(listingPath).ReplaceLineEndings("\n");
        Assert.True(
            expected == actual,
            $"The public API of {assemblyName} differs from api/{assemblyName}.txt. If the change is deliberate, run " +
            $"'UPDATE_API_LISTING=1 dotnet test --filter PublicApi' and commit the listing.\n{Diff(expected, actual)}");
    }

    [Fact]
    public void PublicApi_SdkNamespaces_AreOnlyTheUserFacingOnes()
    {
        string[] namespaces = typeof(IMidjourneyClient).Assembly.GetExportedTypes().Select(t => t.Namespace!).Distinct().Order().ToArray();

        Assert.Equal(["Microsoft.Extensions.AI", "Microsoft.Extensions.DependencyInjection", "Midjourney.Sdk"], namespaces);
    }

    [Fact]
    public void PublicApi_AspNetCore_IsTheOneExtensionClassInTheRoutingNamespace()
    {
        Type[] types = typeof(MidjourneyWebhookEndpointRouteBuilderExtensions).Assembly.GetExportedTypes();

        Type type = Assert.Single(types);
        Assert.Equal("Microsoft.AspNetCore.Builder", type.Namespace);
    }

    [Fact]
    public void PublicApi_Redis_IsTheExtensionClassAndItsOptions()
    {
        string[] types = [.. typeof(MidjourneyRedisOptions).Assembly.GetExportedTypes().Select(t => t.FullName!).Order()];

        Assert.Equal(["Microsoft.Extensions.DependencyInjection.MidjourneyRedisServiceCollectionExtensions", "Midjourney.Sdk.MidjourneyRedisOptions"], types);
    }

    private static string Diff(string expected, string actual)
    {
        var expectedLines = expected.Split('\n').ToHashSet();
        var actualLines = actual.Split('\n').ToHashSet();
        IEnumerable<string> removed = expectedLines.Except(actualLines).Select(l => "- " + l);
        IEnumerable<string> added = actualLines.Except(expectedLines).Select(l => "+ " + l);
        return string.Join('\n', removed.Concat(added).Take(40));
    }
}
