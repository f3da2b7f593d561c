using System.Text.Json;

namespace PmInterest.Emulator;

/// <summary>
/// <c>GET /papi/v1/account</c> (Portfolio Margin "Account Information", USER_DATA, weight 20 in
/// the PAPI pool): the signed-request checks with no parameters of its own, -2015 for a key of a
/// Portfolio Margin Pro account, then a plausible account summary.
/// </summary>
internal sealed class PapiAccountHandler(EmulatorOptions options, SignatureVerifier verifier)
{
    internal const string Path = "/papi/v1/account";
    internal const int Weight = 20;

    private static readonly HashSet<string> KnownParameters = new(StringComparer.Ordinal) { "recvWindow", "timestamp", "signature" };
    private static readonly HashSet<string> LongParameters = new(StringComparer.Ordinal) { "recvWindow", "timestamp" };

    private readonly SignedRequestCheck check = new(verifier, options);

    /// <summary>The refusal, or null when <see cref="WriteAccount"/> may answer.</summary>
    internal BinanceError? Evaluate(string? apiKey, RawQuery query, long nowMs)
    {
        BinanceError? refusal = check.Check(apiKey, query, nowMs, KnownParameters, LongParameters, needsReading: true).Error;
        return refusal ?? (options.Account == EmulatorAccount.PortfolioMarginPro ? BinanceError.ApiKeyUnknown : null);
    }

    internal static void WriteAccount(Utf8JsonWriter w, long nowMs)
    {
        w.WriteStartObject();
        w.WriteString("uniMMR", "5167.92171923");
        w.WriteString("accountEquity", "122607.35137903");
        w.WriteString("actualEquity", "73.47428058");
        w.WriteString("accountInitialMargin", "23.72469206");
        w.WriteString("accountMaintMargin", "23.72469206");
        w.WriteString("accountStatus", "NORMAL");
        w.WriteString("virtualMaxWithdrawAmount", "1627523.32459208");
        w.WriteString("totalAvailableBalance", "10.0");
        w.WriteString("totalMarginOpenLoss", "0.0");
        w.WriteNumber("updateTime", nowMs);
        w.WriteEndObject();
    }
}
