using PmInterest.Binance;
using PmInterest.Binance.Json;

namespace PmInterest.Endpoints;

/// <summary>
/// <c>GET /papi/v1/account</c> (Portfolio Margin "Account Information", USER_DATA, weight 20):
/// the PAPI host's cheapest signed call. An answer proves the key may read this account; it
/// tells no permission flags, so none are shown.
/// </summary>
internal sealed class AccountInformationEndpoint : KeyCheckEndpoint
{
    public AccountInformationEndpoint(string path, int weight, WeightPool pool)
        : base(path, weight, pool)
    {
    }

    public override string Expected => "the expected account information";

    public override KeyCheck Read(JsonCursor body)
    {
        if (body.Peek() != '{')
        {
            throw body.Error("expected a JSON object");
        }

        body.SkipValue();
        return new KeyCheck(null, mayRead: true);
    }
}
