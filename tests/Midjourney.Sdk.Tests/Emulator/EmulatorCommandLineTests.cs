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
        Assert.Null(parsed.Options.WebhookSigningKey);
        Assert.Equal(1, parsed.Options.CallbackRetryDelayScale);
    }

    [Theory]
    [InlineData(new[] { "--webhook-signing-key", "kie-key", "--callback-retry-delay-scale", "0.001" }, "kie-key", 0.001)]
    [InlineData(new[] { "--webhook-signing-key=a=b", "--callback-retry-delay-scale=0" }, "a=b", 0)]
    [InlineData(new[] { "--callback-retry-delay-scale", "100" }, null, 100)]
    public void Parse_CallbackOptions_SetsThem(string[] args, string? key, double scale)
    {
        var parsed = EmulatorCommandLine.Parse(args);

        Assert.Null(parsed.Error);
        Assert.Equal((key, scale), (parsed.Options.WebhookSigningKey, parsed.Options.CallbackRetryDelayScale));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("0,5")]
    [InlineData("fast")]
    [InlineData("NaN")]
    public void Parse_BadCallbackRetryDelayScale_SaysWhatIsAllowed(string value)
    {
        var error = EmulatorCommandLine.Parse(["--callback-retry-delay-scale", value]).Error;

        Assert.Equal($"--callback-retry-delay-scale must be a number from 0 to 100 (such as 0.001), not '{value}'.", error);
    }

    [Theory]
    [InlineData("--webhook-signing-key=")]
    [InlineData("--webhook-signing-key=  ")]
    public void Parse_BlankWebhookSigningKey_ReportsAnError(string arg)
        => Assert.Equal("--webhook-signing-key must not be empty.", EmulatorCommandLine.Parse([arg]).Error);

    [Fact]
    public void Usage_ListsTheCallbackFaultsAndTheCallbackLog()
    {
        foreach (var text in new[] { "DropCallbacks", "DuplicateCallbacks", "OutOfOrderCallbacks", "GET /_emulator/callbacks" })
        {
            Assert.Contains(text, EmulatorCommandLine.Usage, StringComparison.Ordinal);
        }
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
        foreach (var option in new[]
        {
            "--port", "--api-key", "--task-duration <SECONDS>", "--task-duration-spread <SIGMA>", "--provider", "--webhook-signing-key <KEY>",
            "--callback-retry-delay-scale <X>", "--help",
        })
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
    [InlineData("--webhook-signing-key")]
    [InlineData("--callback-retry-delay-scale")]
    public void Parse_BadArguments_ReportsAnError(params string[] args)
        => Assert.NotNull(EmulatorCommandLine.Parse(args).Error);
}
