using PmInterest.Binance;
using PmInterest.Binance.Json;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Binance;

/// <summary>For client tests: a signed endpoint (weight 50, SAPI pool) whose answer is any one JSON value, handed back as its text.</summary>
internal sealed class TextEndpoint : ApiEndpoint<string>
{
    public static readonly TextEndpoint InterestHistoryPath = new("/sapi/v1/portfolio/interest-history");

    public TextEndpoint(string path, int weight = 50, WeightPool? pool = null)
        : base(path, weight, pool ?? WeightPools.Sapi, signed: true)
    {
    }

    public override string Expected => "one JSON value";

    public override string Read(JsonCursor body)
    {
        return body.ReadRaw();
    }
}
