using System;
using PmInterest.Binance;

namespace PmInterest.Endpoints;

/// <summary>
/// What a source passes on of the client's events: waits to the wait handler, every other event
/// as a verbose line, except a request that went well, which the source tells itself with what
/// the answer held.
/// </summary>
internal static class SourceEvents
{
    public static void Tell(ClientEvent clientEvent, Action<WaitEvent>? waiting, Action<string>? log)
    {
        switch (clientEvent)
        {
            case WaitEvent wait when waiting is not null:
                waiting(wait);
                break;
            case RequestEvent { Outcome: "ok" }:
                break;
            default:
                log?.Invoke(ClientEventText.Describe(clientEvent));
                break;
        }
    }
}
