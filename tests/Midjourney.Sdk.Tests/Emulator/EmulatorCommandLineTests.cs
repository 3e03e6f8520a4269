using Midjourney.Sdk.Emulator.Hosting;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>The program mode's argument parsing.</summary>
public sealed class EmulatorCommandLineTests
{
    [Fact]
    public void Parse_NoArguments_UsesPort8080AndOptionDefaults()
    {
        var parsed = EmulatorCommandLine.Parse([]);

        Assert.Null(parsed.Error);
        Assert.False(parsed.ShowHelp);
        Assert.Equal(8080, parsed.Options.Port);
        Assert.Equal("emulator-key", parsed.Options.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(3), parsed.Options.TaskDuration);
    }

    [Fact]
    public void Parse_AllOptions_SetsThem()
    {
        var parsed = EmulatorCommandLine.Parse(["--port", "9000", "--api-key=abc", "--task-duration", "0.5"]);

        Assert.Null(parsed.Error);
        Assert.Equal((9000, "abc", TimeSpan.FromMilliseconds(500)), (parsed.Options.Port, parsed.Options.ApiKey, parsed.Options.TaskDuration));
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Parse_Help_AsksForUsage(string flag)
        => Assert.True(EmulatorCommandLine.Parse([flag]).ShowHelp);

    [Theory]
    [InlineData("--port", "http")]
    [InlineData("--port", "70000")]
    [InlineData("--task-duration", "-1")]
    [InlineData("--verbose", "1")]
    [InlineData("--api-key")]
    public void Parse_BadArguments_ReportsAnError(params string[] args)
        => Assert.NotNull(EmulatorCommandLine.Parse(args).Error);
}
