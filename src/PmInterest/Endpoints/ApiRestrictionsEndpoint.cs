using PmInterest.Binance;
using PmInterest.Binance.Json;

namespace PmInterest.Endpoints;

/// <summary><c>GET /sapi/v1/account/apiRestrictions</c> ("Get API Key Permission", USER_DATA, IP weight 1): the key's flags.</summary>
internal sealed class ApiRestrictionsEndpoint : KeyCheckEndpoint
{
    public ApiRestrictionsEndpoint(string path, int weight, WeightPool pool)
        : base(path, weight, pool)
    {
    }

    public override string Expected => "the expected key permissions";

    public override KeyCheck Read(JsonCursor body)
    {
        var permissions = ApiKeyPermissions.Read(body);
        return new KeyCheck(permissions, permissions.EnableReading);
    }
}
