using PmInterest.Binance;
using PmInterest.Binance.Json;

namespace PmInterest.Endpoints;

/// <summary>A host's server clock (<c>{"serverTime": ms}</c>, unsigned, weight 1), measured when Binance answers -1021.</summary>
internal sealed class ServerTimeEndpoint : ApiEndpoint<long>
{
    public ServerTimeEndpoint(string path, WeightPool pool)
        : base(path, 1, pool, signed: false)
    {
    }

    public override string Expected => "the server time";

    public override long Read(JsonCursor body) => ErrorBody.ReadServerTime(body);
}
