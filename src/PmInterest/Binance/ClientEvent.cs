namespace PmInterest.Binance;

/// <summary>
/// Something the client tells its caller while a request runs: an attempt that ended
/// (<see cref="RequestEvent"/>) or a wait about to start (<see cref="WaitEvent"/>). Holds the
/// path and a caller-given description of the query, never the query string itself.
/// </summary>
internal abstract class ClientEvent
{
    protected ClientEvent(string path, string description)
    {
        Path = path;
        Description = description;
    }

    public string Path { get; }

    public string Description { get; }
}
