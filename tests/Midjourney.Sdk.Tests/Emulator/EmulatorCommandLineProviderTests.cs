using Midjourney.Sdk.Emulator.Hosting;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>The program mode's <c>--provider</c>: which provider's client settings it prints.</summary>
public sealed class EmulatorCommandLineProviderTests
{
    [Fact]
    public void Parse_NoProvider_PrintsGoApiSettings()
    {
        var parsed = EmulatorCommandLine.Parse([]);

        Assert.Equal("GoApi", parsed.Provider);
    }

    [Theory]
    [InlineData("--provider", "MjProxy", "MjProxy")]
    [InlineData("--provider", "mjproxy", "MjProxy")]
    [InlineData("--provider=APIXO", null, "Apixo")]
    [InlineData("--provider", "MidApi", "MidApi")]
    public void Parse_Provider_AnyCaseGivesTheSdksSpelling(string flag, string? value, string expected)
    {
        var parsed = EmulatorCommandLine.Parse(value is null ? [flag] : [flag, value]);

        Assert.Null(parsed.Error);
        Assert.Equal(expected, parsed.Provider);
    }

    [Theory]
    [InlineData("Dalle")]
    [InlineData("")]
    public void Parse_UnknownProvider_ReportsTheChoices(string value)
    {
        var parsed = EmulatorCommandLine.Parse(["--provider", value]);

        Assert.Contains("GoApi, MjProxy, Apixo, MidApi", parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientSettings_MjProxy_TheEnvironmentVariablesTheQuickstartReads()
    {
        var parsed = EmulatorCommandLine.Parse(["--provider", "MjProxy", "--api-key", "k-1"]);

        string settings = parsed.ClientSettings(new Uri("http://127.0.0.1:8080/"), parsed.Options.ApiKey);

        Assert.Equal(
            ["MIDJOURNEY__PROVIDER=MjProxy", "MIDJOURNEY__BASEURL=http://127.0.0.1:8080/", "MIDJOURNEY__APIKEY=k-1"],
            settings.Split('\n').Select(line => line.TrimEnd('\r')));
    }

    [Fact]
    public void Usage_DocumentsProviderAndTheMjProxyMarkers()
    {
        Assert.Contains("--provider <NAME>", EmulatorCommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("[queue]", EmulatorCommandLine.Usage, StringComparison.Ordinal);
        Assert.Contains("[remix]", EmulatorCommandLine.Usage, StringComparison.Ordinal);
    }
}
