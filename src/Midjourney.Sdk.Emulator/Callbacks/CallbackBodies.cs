using System.Text.Encodings.Web;
using System.Text.Json;
using Midjourney.Sdk.Emulator.Protocols;
using Midjourney.Sdk.Emulator.Protocols.Apixo;
using Midjourney.Sdk.Emulator.Protocols.GoApi;
using Midjourney.Sdk.Emulator.Protocols.MidApi;
using Midjourney.Sdk.Emulator.Protocols.MjProxy;
using Midjourney.Sdk.Emulator.Tasks;

namespace Midjourney.Sdk.Emulator.Callbacks;

/// <summary>
/// What each provider POSTs, written by the same writers as its status answers: GoAPI the <c>/mj/v2/fetch</c> object,
/// MJ-Proxy the task object of <c>/mj/task/{id}/fetch</c>, APIXO the <c>statusTask</c> envelope, midapi its own callback
/// envelope (<see cref="MidApiCallbackObject"/>).
/// </summary>
internal static class CallbackBodies
{
    /// <summary>The body reporting <paramref name="change"/>; image links point at <paramref name="baseUrl"/>.</summary>
    public static string Write(EmulatedTask task, CallbackTarget target, CallbackChange change, Uri baseUrl)
        => JsonReplies.ToText(writer =>
        {
            switch (target.Protocol)
            {
                case CallbackProtocol.GoApi:
                    GoApiFetchObject.Write(writer, task, change.State, change.At, baseUrl);
                    break;
                case CallbackProtocol.MjProxy:
                    MjProxyTaskObject.Write(writer, task, change.State, baseUrl);
                    break;
                case CallbackProtocol.Apixo:
                    ApixoStatusObject.WriteEnvelope(writer, task, change.State, baseUrl);
                    break;
                default:
                    MidApiCallbackObject.Write(writer, task, change.State, baseUrl);
                    break;
            }
        });

    /// <summary>
    /// The body as the delivery log keeps it: GoAPI echoes the submit (<c>meta.task_request</c>), <c>webhook_secret</c>
    /// included, so every JSON string equal to the secret reads <c>***</c> there.
    /// </summary>
    public static string ForLog(string body, string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return body;
        }

        var quoted = "\"" + JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
        return body.Replace(quoted, "\"***\"", StringComparison.Ordinal);
    }
}
