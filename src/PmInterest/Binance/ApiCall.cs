using System;
using System.Collections.Generic;

namespace PmInterest.Binance;

/// <summary>One request across its attempts: what to send, the counters that bound its retries, and whom to tell.</summary>
internal sealed class ApiCall
{
    private readonly Action<ClientEvent>? _observe;

    public ApiCall(ApiEndpoint endpoint, IReadOnlyList<KeyValuePair<string, string>> parameters, string description, Action<ClientEvent>? observe)
    {
        Endpoint = endpoint;
        Parameters = parameters;
        Description = description;
        _observe = observe;
    }

    public ApiEndpoint Endpoint { get; }

    public string Path => Endpoint.Path;

    public int Weight => Endpoint.Weight;

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    public string Description { get; }

    /// <summary>Attempts that count towards <see cref="BinanceClientOptions.MaxAttempts"/> (a 429 or a clock correction does not).</summary>
    public int Attempt { get; set; }

    /// <summary>Times the request was sent, every one counted: the attempt number verbose output tells.</summary>
    public int Sent { get; set; }

    public bool ClockCorrected { get; set; }

    public void Tell(ClientEvent e) => _observe?.Invoke(e);

    public void Tell(HttpAttempt result, TimeSpan elapsed, string outcome) =>
        _observe?.Invoke(new RequestEvent(Path, Description, Sent, result.Status == 0 ? result.HeadersStatus : result.Status, result.UsedWeight, elapsed, outcome));
}
