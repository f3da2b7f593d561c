using System;
using System.Collections.Generic;
using System.Globalization;
using PmInterest.Binance.Json;

namespace PmInterest;

/// <summary>
/// What Binance says an API key may do (<c>GET /sapi/v1/account/apiRestrictions</c>). Holds no
/// secret. <see cref="IpRestricted"/> and <see cref="EnableReading"/> are always present; the
/// other flags are null when Binance did not send them.
/// </summary>
public sealed class ApiKeyPermissions
{
    private ApiKeyPermissions(IReadOnlyDictionary<string, string?> fields)
    {
        IpRestricted = Flag(fields, "ipRestrict") ?? throw Missing("ipRestrict");
        EnableReading = Flag(fields, "enableReading") ?? throw Missing("enableReading");
        CreateTime = Time(fields, "createTime");
        EnableWithdrawals = Flag(fields, "enableWithdrawals");
        EnableInternalTransfer = Flag(fields, "enableInternalTransfer");
        EnableMargin = Flag(fields, "enableMargin");
        EnableFutures = Flag(fields, "enableFutures");
        EnableSpotAndMarginTrading = Flag(fields, "enableSpotAndMarginTrading");
        EnablePortfolioMarginTrading = Flag(fields, "enablePortfolioMarginTrading");
        EnableVanillaOptions = Flag(fields, "enableVanillaOptions");
        EnableFixApiTrade = Flag(fields, "enableFixApiTrade");
        EnableFixReadOnly = Flag(fields, "enableFixReadOnly");
        PermitsUniversalTransfer = Flag(fields, "permitsUniversalTransfer");
        TradingAuthorityExpirationTime = Time(fields, "tradingAuthorityExpirationTime");
    }

    /// <summary>True when the key only works from the IP addresses on its allow list.</summary>
    public bool IpRestricted { get; }

    /// <summary>True when the key may read account data, which the interest history needs.</summary>
    public bool EnableReading { get; }

    /// <summary>When the key was created (UTC), when Binance said.</summary>
    public DateTime? CreateTime { get; }

    public bool? EnableWithdrawals { get; }

    public bool? EnableInternalTransfer { get; }

    public bool? EnableMargin { get; }

    public bool? EnableFutures { get; }

    public bool? EnableSpotAndMarginTrading { get; }

    public bool? EnablePortfolioMarginTrading { get; }

    public bool? EnableVanillaOptions { get; }

    public bool? EnableFixApiTrade { get; }

    public bool? EnableFixReadOnly { get; }

    public bool? PermitsUniversalTransfer { get; }

    /// <summary>When the key's spot and margin trading permission expires (UTC), when Binance said.</summary>
    public DateTime? TradingAuthorityExpirationTime { get; }

    /// <summary>Reads Binance's answer.</summary>
    /// <exception cref="FormatException">The body is not the expected object.</exception>
    /// <summary>Reads the key check's object; a field sent twice or anything but an object is refused.</summary>
    internal static ApiKeyPermissions Read(JsonCursor json)
    {
        json.Open('{');
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (!json.TryClose('}'))
        {
            do
            {
                var name = json.ReadPropertyName();
                if (fields.ContainsKey(name))
                {
                    throw json.Error("the field '" + Binance.ServerText.Clean(name) + "' appears twice");
                }

                fields[name] = json.ReadScalarText(out _);
            }
            while (json.TryConsume(','));
            json.Close('}');
        }

        json.ExpectEnd();
        return new ApiKeyPermissions(fields);
    }

    /// <summary>A whole answer, as tests have it.</summary>
    internal static ApiKeyPermissions Parse(string body) => Read(new JsonCursor(body));

    private static FormatException Missing(string name) => new("The key permissions have no valid '" + name + "'.");

    private static bool? Flag(IReadOnlyDictionary<string, string?> fields, string name) =>
        fields.TryGetValue(name, out var value) ? value switch
        {
            "true" => true,
            "false" => false,
            null => null,
            _ => throw new FormatException("The key permission '" + name + "' is not true or false."),
        } : null;

    /// <summary>Epoch milliseconds; 0 or absent means none. Out of DateTime's range is a format error.</summary>
    private static DateTime? Time(IReadOnlyDictionary<string, string?> fields, string name)
    {
        if (!fields.TryGetValue(name, out var value) || value is null)
        {
            return null;
        }

        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) || ms < 0 || ms > 253402300799999)
        {
            throw new FormatException("The key permission '" + name + "' is not a time.");
        }

        return ms == 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
    }
}
