using PmInterest.Binance.Json;

namespace PmInterest.Binance;

/// <summary>
/// What the client needs to know of an endpoint to send a GET to it: its path, its weight and
/// weight pool, and whether it is signed (an unsigned endpoint never sees the API key). The
/// endpoints themselves are described in the Endpoints folder; the client knows only this.
/// </summary>
internal abstract class ApiEndpoint
{
    protected ApiEndpoint(string path, int weight, WeightPool pool, bool signed)
    {
        Path = path;
        Weight = weight;
        Pool = pool;
        Signed = signed;
    }

    public string Path { get; }

    public int Weight { get; }

    public WeightPool Pool { get; }

    /// <summary>True for USER_DATA endpoints: API key header, recvWindow, timestamp and signature.</summary>
    public bool Signed { get; }

    /// <summary>What the answer of a 200 should be, for a protocol error that says what came instead.</summary>
    public abstract string Expected { get; }

    /// <summary>The largest answer body read, after decompression; an endpoint that answers for a whole exchange may allow more.</summary>
    public virtual int MaxAnswerBytes => BinanceClientOptions.MaxResponseBytes;

    public override string ToString() => "GET " + Path;
}

/// <summary>An endpoint whose 200 answer reads as a <typeparamref name="T"/>.</summary>
internal abstract class ApiEndpoint<T> : ApiEndpoint
{
    protected ApiEndpoint(string path, int weight, WeightPool pool, bool signed)
        : base(path, weight, pool, signed)
    {
    }

    /// <summary>Reads a 200 answer; throws <see cref="System.FormatException"/> for anything else, which the client reports as a protocol error.</summary>
    public abstract T Read(JsonCursor body);
}
