using System.Reflection;

namespace Midjourney.Sdk.Tests.AspNetCore;

/// <summary>A handler that fails on every update.</summary>
internal sealed class ThrowingTaskHandler : IMidjourneyTaskHandler
{
    public Task HandleAsync(MidjourneyTask task, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The app's handler failed.");
}

/// <summary>
/// An <see cref="IMidjourneyClient"/> whose <see cref="IMidjourneyClient.HandleWebhookAsync"/> does what the test says
/// (throw, hang); every other member throws <see cref="NotSupportedException"/>.
/// </summary>
public class FakeWebhookClient : DispatchProxy
{
    private Func<MidjourneyWebhookRequest, CancellationToken, Task<MidjourneyTask>> _handle = (_, _) => throw new NotSupportedException();

    public static IMidjourneyClient Create(Func<MidjourneyWebhookRequest, CancellationToken, Task<MidjourneyTask>> handle)
    {
        IMidjourneyClient client = Create<IMidjourneyClient, FakeWebhookClient>();
        ((FakeWebhookClient)(object)client)._handle = handle;
        return client;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        targetMethod?.Name == nameof(IMidjourneyClient.HandleWebhookAsync)
            ? _handle((MidjourneyWebhookRequest)args![0]!, (CancellationToken)args[1]!)
            : throw new NotSupportedException(targetMethod?.Name);
}
