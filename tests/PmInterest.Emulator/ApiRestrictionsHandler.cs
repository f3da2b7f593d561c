using System.Text.Json;

namespace PmInterest.Emulator;

/// <summary>
/// <c>GET /sapi/v1/account/apiRestrictions</c> ("Get API Key Permission", USER_DATA, IP weight 1
/// in the SAPI pool): the signed-request checks of <see cref="SignedRequestCheck"/> with no
/// parameters of its own, then the key's flags. The flags follow the knobs
/// <see cref="EmulatorOptions.KeyCannotRead"/> and <see cref="EmulatorOptions.IpRestrictReported"/>;
/// everything else is what a read-only key for Portfolio Margin Pro would show.
/// </summary>
internal sealed class ApiRestrictionsHandler(EmulatorOptions options, SignatureVerifier verifier)
{
    internal const string Path = "/sapi/v1/account/apiRestrictions";
    internal const int Weight = 1;

    /// <summary>When the emulator's keys were "created": 2024-01-01T00:00:00Z.</summary>
    internal const long CreateTimeMs = 1704067200000;

    private static readonly HashSet<string> KnownParameters = new(StringComparer.Ordinal) { "recvWindow", "timestamp", "signature" };
    private static readonly HashSet<string> LongParameters = new(StringComparer.Ordinal) { "recvWindow", "timestamp" };

    private readonly SignedRequestCheck check = new(verifier, options);

    /// <summary>The refusal, or null when <see cref="WriteFlags"/> may answer.</summary>
    internal BinanceError? Evaluate(string? apiKey, RawQuery query, long nowMs) =>
        check.Check(apiKey, query, nowMs, KnownParameters, LongParameters, needsReading: false).Error;

    internal void WriteFlags(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteBoolean("ipRestrict", options.IpRestrictReported);
        w.WriteNumber("createTime", CreateTimeMs);
        w.WriteBoolean("enableReading", !options.KeyCannotRead);
        w.WriteBoolean("enableWithdrawals", false);
        w.WriteBoolean("enableInternalTransfer", false);
        w.WriteBoolean("enableMargin", false);
        w.WriteBoolean("enableFutures", false);
        w.WriteBoolean("permitsUniversalTransfer", false);
        w.WriteBoolean("enableVanillaOptions", false);
        w.WriteBoolean("enableFixApiTrade", false);
        w.WriteBoolean("enableFixReadOnly", false);
        w.WriteBoolean("enableSpotAndMarginTrading", false);
        w.WriteBoolean("enablePortfolioMarginTrading", true);
        w.WriteEndObject();
    }
}
