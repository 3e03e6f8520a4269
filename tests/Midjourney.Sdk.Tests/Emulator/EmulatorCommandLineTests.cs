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
        Assert.Equal(0, parsed.Options.TaskDurationSpread);
    }

    [Fact]
    public void Parse_AllOptions_SetsThem()
    {
        var parsed = EmulatorCommandLine.Parse(["--port", "9000", "--api-key=abc", "--task-duration", "0.5"]);

        Assert.Null(parsed.Error);
        Assert.Equal((9000, "abc", TimeSpan.FromMilliseconds(500)), (parsed.Options.Port, parsed.Options.ApiKey, parsed.Options.TaskDuration));
    }

    [Theory]
    [InlineData(new[] { "--task-duration-spread", "0.7" }, 0.7)]
    [InlineData(new[] { "--task-duration-spread=1.5" }, 1.5)]
    [InlineData(new[] { "--task-duration-spread", "0" }, 0)]
    [InlineData(new[] { "--task-duration-spread", "3" }, 3)]
    [InlineData(new[] { "--task-duration", "20", "--task-duration-spread", "7e-1" }, 0.7)]
    public void Parse_TaskDurationSpread_SetsTheOption(string[] args, double expected)
    {
        var parsed = EmulatorCommandLine.Parse(args);

        Assert.Null(parsed.Error);
        Assert.Equal(expected, parsed.Options.TaskDurationSpread);
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("3.5")]
    [InlineData("0,7")]
    [InlineData("wide")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void Parse_BadTaskDurationSpread_SaysWhatIsAllowed(string value)
    {
        var error = EmulatorCommandLine.Parse(["--task-duration-spread", value]).Error;

        Assert.Equal($"--task-duration-spread must be a number from 0 to 3 (a lognormal sigma, such as 0.7), not '{value}'.", error);
    }

    [Fact]
    public void Usage_ListsEveryOption()
    {
        foreach (var option in new[] { "--port", "--api-key", "--task-duration <SECONDS>", "--task-duration-spread <SIGMA>", "--provider", "--help" })
        {
            Assert.Contains(option, EmulatorCommandLine.Usage, StringComparison.Ordinal);
        }
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
    [InlineData("--task-duration-spread")]
    public void Parse_BadArguments_ReportsAnError(params string[] args)
        => Assert.NotNull(EmulatorCommandLine.Parse(args).Error);
}
