namespace Midjourney.Sdk;

/// <summary>What a provider offers. Calling an operation it lacks throws <see cref="MidjourneyNotSupportedException"/> before any network traffic.</summary>
public sealed class MidjourneyCapabilities
{
    private readonly HashSet<MidjourneyAction> _actions;

    /// <summary>Creates a capability set.</summary>
    /// <param name="supportedActions">The operations the provider offers.</param>
    /// <param name="supportsReferenceImages">Whether imagine accepts reference images.</param>
    /// <param name="reportsProgress">Whether tasks report a progress percentage.</param>
    public MidjourneyCapabilities(IEnumerable<MidjourneyAction> supportedActions, bool supportsReferenceImages, bool reportsProgress)
    {
        ArgumentNullException.ThrowIfNull(supportedActions);
        _actions = [.. supportedActions];
        SupportedActions = [.. _actions.Order()];
        SupportsReferenceImages = supportsReferenceImages;
        ReportsProgress = reportsProgress;
    }

    /// <summary>The operations the provider offers, in enum order.</summary>
    public IReadOnlyList<MidjourneyAction> SupportedActions { get; }

    /// <summary>Whether <see cref="ImagineRequest.ReferenceImages"/> can be used.</summary>
    public bool SupportsReferenceImages { get; }

    /// <summary>Whether <see cref="MidjourneyTask.Progress"/> is reported while a task runs.</summary>
    public bool ReportsProgress { get; }

    /// <summary>Whether a running task can be canceled with <see cref="IMidjourneyClient.CancelTaskAsync"/> (MJ-Proxy, trueai-org servers).</summary>
    public bool SupportsCancel { get; init; }

    /// <summary>Whether a finished video can be extended with <see cref="IMidjourneyClient.ExtendVideoAsync"/> (MJ-Proxy, trueai-org servers).</summary>
    public bool SupportsVideoExtend { get; init; }

    /// <summary>
    /// Whether a task's seed can be looked up with <see cref="IMidjourneyClient.GetSeedAsync"/> (MJ-Proxy's trueai-org servers,
    /// through their <c>image-seed</c> endpoint; GoAPI, from the task itself).
    /// </summary>
    public bool SupportsSeedLookup { get; init; }

    /// <summary>Whether the account balance can be read with <see cref="IMidjourneyClient.GetBalanceAsync"/> (APIXO; midapi only on kie.ai).</summary>
    public bool SupportsBalance { get; init; }

    /// <summary>Whether the provider offers <paramref name="action"/>.</summary>
    public bool Supports(MidjourneyAction action) => _actions.Contains(action);

    /// <inheritdoc />
    public override string ToString() => string.Join(", ", SupportedActions);
}
