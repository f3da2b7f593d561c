using System;

namespace PmInterest.Binance;

/// <summary>What happened to one attempt of one request, for verbose output.</summary>
internal sealed class RequestEvent : ClientEvent
{
    public RequestEvent(string path, string description, int attempt, int httpStatus, int? usedWeight, TimeSpan elapsed, string outcome)
        : base(path, description)
    {
        Attempt = attempt;
        HttpStatus = httpStatus;
        UsedWeight = usedWeight;
        Elapsed = elapsed;
        Outcome = outcome;
    }

    public int Attempt { get; }

    /// <summary>The HTTP status, or 0 when no answer arrived.</summary>
    public int HttpStatus { get; }

    /// <summary>The window's weight as the server reported it with this answer.</summary>
    public int? UsedWeight { get; }

    public TimeSpan Elapsed { get; }

    /// <summary>"ok", or what went wrong and what the client does next.</summary>
    public string Outcome { get; }
}
