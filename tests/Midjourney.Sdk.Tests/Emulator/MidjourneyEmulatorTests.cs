using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Midjourney.Sdk.Emulator;
using Midjourney.Sdk.Tests.TestSupport;

namespace Midjourney.Sdk.Tests.Emulator;

/// <summary>Starting, configuring and stopping the emulator.</summary>
public sealed class MidjourneyEmulatorTests
{
    [Fact]
    public async Task StartAsync_DefaultOptions_BindsLoopbackOnARealPort()
    {
        await using var emulator = await MidjourneyEmulator.StartAsync();

        Assert.Equal("http", emulator.BaseUrl.Scheme);
        Assert.Equal("127.0.0.1", emulator.BaseUrl.Host);
        Assert.InRange(emulator.BaseUrl.Port, 1, 65535);
        Assert.Equal("/", emulator.BaseUrl.AbsolutePath);
        Assert.EndsWith("/", emulator.BaseUrl.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("emulator-key", emulator.ApiKey);

        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, emulator.BaseUrl.Port);
        Assert.True(tcp.Connected);
    }

    [Fact]
    public async Task StartAsync_TwoEmulators_GetDifferentPortsAndSeparateTasks()
    {
        await using var first = await MidjourneyEmulator.StartAsync();
        await using var second = await MidjourneyEmulator.StartAsync();
        using var firstClient = new GoApiTestClient(first);
        using var secondClient = new GoApiTestClient(second);

        var taskId = await firstClient.SubmitAsync("imagine", new JsonObject { ["prompt"] = "a cat" });
        using var elsewhere = await secondClient.PostAsync("mj/v2/fetch", new JsonObject { ["task_id"] = taskId });

        Assert.NotEqual(first.BaseUrl.Port, second.BaseUrl.Port);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task StartAsync_ExplicitPort_ListensOnThatPort()
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { Port = port });

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), emulator.BaseUrl);
    }

    [Fact]
    public async Task StartAsync_PortInUse_ThrowsIOException()
    {
        await using var first = await MidjourneyEmulator.StartAsync();

        await Assert.ThrowsAnyAsync<IOException>(
            () => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { Port = first.BaseUrl.Port }));
    }

    [Fact]
    public async Task StartAsync_InvalidOptions_ThrowsArgumentException()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDuration = TimeSpan.FromSeconds(-1) }));
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { ApiKey = " " }));
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { Port = 70000 }));
        await Assert.ThrowsAnyAsync<ArgumentException>(
            () => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = null! }));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(3.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task StartAsync_TaskDurationSpreadOutside0To3_ThrowsArgumentOutOfRange(double spread)
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDurationSpread = spread }));

        Assert.Equal("TaskDurationSpread", error.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(0.7)]
    [InlineData(3)]
    public async Task StartAsync_TaskDurationSpreadFrom0To3_Starts(double spread)
    {
        await using var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TaskDurationSpread = spread });

        Assert.Equal(spread, emulator.Options.TaskDurationSpread);
    }

    [Fact]
    public async Task Options_AfterStart_AreACopyThatChangesNothing()
    {
        var clock = new FakeTimeProvider();
        var options = new MidjourneyEmulatorOptions { ApiKey = "k1", TaskDuration = TimeSpan.FromSeconds(9), TaskDurationSpread = 0.7, TimeProvider = clock };
        await using var emulator = await MidjourneyEmulator.StartAsync(options);

        options.ApiKey = "k2";
        emulator.Options.ApiKey = "k3";

        Assert.Equal("k1", emulator.ApiKey);
        Assert.Equal("k1", emulator.Options.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(9), emulator.Options.TaskDuration);
        Assert.Equal(0.7, emulator.Options.TaskDurationSpread);
        Assert.Same(clock, emulator.Options.TimeProvider);
        Assert.NotSame(emulator.Options, emulator.Options);
    }

    [Fact]
    public void Options_Defaults_AreAsDocumented()
    {
        var options = new MidjourneyEmulatorOptions();

        Assert.Equal(0, options.Port);
        Assert.Equal("emulator-key", options.ApiKey);
        Assert.Equal(TimeSpan.FromSeconds(3), options.TaskDuration);
        Assert.Equal(0, options.TaskDurationSpread);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Fact]
    public async Task DisposeAsync_Twice_StopsTheServerAndRejectsNewFaults()
    {
        var emulator = await MidjourneyEmulator.StartAsync();
        using var client = new GoApiTestClient(emulator);

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync("mj/v2/fetch", new JsonObject { ["task_id"] = "x" }));
        Assert.Throws<ObjectDisposedException>(() => emulator.InjectFault(EmulatorFault.ServerError()));
    }

    [Fact]
    public async Task DisposeAsync_WhileALatencyFaultHoldsARequest_DropsItWithoutWaitingForTheFakeClock()
    {
        var timers = new TimerWatchingTimeProvider(new FakeTimeProvider());
        var emulator = await MidjourneyEmulator.StartAsync(new MidjourneyEmulatorOptions { TimeProvider = timers });
        using var client = new GoApiTestClient(emulator);
        emulator.InjectFault(EmulatorFault.Latency(TimeSpan.FromHours(1)));
        var held = client.PostAsync("mj/v2/fetch", new JsonObject { ["task_id"] = "x" });
        await timers.FirstTimer.WaitAsync(TimeSpan.FromSeconds(30));

        await emulator.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<HttpRequestException>(() => held.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
