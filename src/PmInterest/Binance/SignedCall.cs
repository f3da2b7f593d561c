using System;
using System.Collections.Generic;

namespace PmInterest.Binance;

/// <summary>One signed request across its attempts: what to send, the counters that bound its retries, and whom to tell.</summary>
internal sealed class SignedCall
{
    private readonly Action<ClientEvent>? _observe;

    public SignedCall(string path, IReadOnlyList<KeyValuePair<string, string>> parameters, int weight, string description, Action<ClientEvent>? observe)
    {
        Path = path;
        Parameters = parameters;
        Weight = weight;
        Description = description;
        _observe = observe;
    }

    public string Path { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; }

    public int Weight { get; }

    public string Description { get; }

    /// <summary>Attempts that count towards <see cref="BinanceClientOptions.MaxAttempts"/> (a 429 or a clock correction does not).</summary>
    public int Attempt { get; set; }

    public bool ClockCorrected { get; set; }

    public int RateLimitWaits { get; set; }

    public void Tell(ClientEvent e) => _observe?.Invoke(e);

    public void Tell(HttpAttempt result, TimeSpan elapsed, string outcome) =>
        _observe?.Invoke(new RequestEvent(Path, Description, Attempt, result.Status, result.SapiWeight, elapsed, outcome));
}
