using System;

namespace PmInterest.Binance;

/// <summary>
/// What happened to one attempt of one request, for verbose output. Holds the path and
/// a caller-given description of the query, never the query string itself.
/// </summary>
public sealed class RequestEvent
{
    public RequestEvent(string path, string description, int attempt, int httpStatus, int? usedWeight, TimeSpan elapsed, string outcome)
    {
        Path = path;
        Description = description;
        Attempt = attempt;
        HttpStatus = httpStatus;
        UsedWeight = usedWeight;
        Elapsed = elapsed;
        Outcome = outcome;
    }

    public string Path { get; }

    public string Description { get; }

    public int Attempt { get; }

    public int HttpStatus { get; }

    public int? UsedWeight { get; }

    public TimeSpan Elapsed { get; }

    public string Outcome { get; }
}
