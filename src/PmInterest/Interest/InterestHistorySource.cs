using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;

namespace PmInterest.Interest;

/// <summary>
/// <c>GET /sapi/v1/portfolio/interest-history</c> as a page source: parameters in a fixed
/// order, always <c>size=100</c> and explicit times, and a line per request for verbose output.
/// </summary>
internal sealed class InterestHistorySource : IInterestPageSource
{
    public const string Path = "/sapi/v1/portfolio/interest-history";
    public const int Weight = 50;
    public const int MaxPageSize = 100;

    private static readonly Regex SpanLimit = new(@"(\d+)\s*(hour|day)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private readonly BinanceClient _client;
    private readonly Action<string>? _log;

    public InterestHistorySource(BinanceClient client, Action<string>? log)
    {
        _client = client;
        _log = log;
    }

    public int PageSize => MaxPageSize;

    public async Task<IReadOnlyList<NegativeBalanceInterest>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>(4);
        if (asset is not null)
        {
            parameters.Add(new("asset", asset));
        }

        parameters.Add(new("startTime", startMs.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("endTime", endMs.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("size", MaxPageSize.ToString(CultureInfo.InvariantCulture)));

        var description = string.Format(
            CultureInfo.InvariantCulture,
            "{0} {1:yyyy-MM-dd HH:mm:ss.fff}Z..{2:yyyy-MM-dd HH:mm:ss.fff}Z",
            asset ?? "all assets",
            DateTimeOffset.FromUnixTimeMilliseconds(startMs).UtcDateTime,
            DateTimeOffset.FromUnixTimeMilliseconds(endMs).UtcDateTime);

        SignedResponse response;
        try
        {
            response = await _client.GetSignedAsync(Path, parameters, Weight, description, Observe, cancellationToken).ConfigureAwait(false);
        }
        catch (BinanceApiException e) when (e.BinanceCode == -1127)
        {
            // Binance says "More than 720 hours between startTime and endTime."; read the
            // number (hours or days) so the next windows fit, else the pager halves the span.
            var match = SpanLimit.Match(e.BinanceMessage);
            TimeSpan? limit = match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
                ? (match.Groups[2].Value.StartsWith("d", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromDays(n) : TimeSpan.FromHours(n))
                : null;
            _log?.Invoke(string.Format(CultureInfo.InvariantCulture, "GET {0} {1}: window too long for the server ({2}); splitting it.", Path, description, e.BinanceMessage));
            throw new SpanLimitExceededException(e.Message, limit, e);
        }

        List<NegativeBalanceInterest> records;
        try
        {
            records = InterestHistoryParser.Parse(response.Body);
        }
        catch (FormatException e)
        {
            throw new BinanceApiException(BinanceErrorKind.Protocol, 200, null, "The answer is not the expected list of records. " + e.Message, Path);
        }

        _log?.Invoke(string.Format(
            CultureInfo.InvariantCulture,
            "GET {0} {1}: {2} records, weight {3}/{4}{5}",
            Path,
            description,
            records.Count,
            response.UsedWeight?.ToString(CultureInfo.InvariantCulture) ?? "?",
            _client.Options.WeightLimit,
            response.Attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " (attempt {0})", response.Attempts) : string.Empty));
        return records;
    }

    private void Observe(ClientEvent clientEvent)
    {
        if (clientEvent is WaitEvent wait)
        {
            _log?.Invoke(string.Format(
                CultureInfo.InvariantCulture,
                "GET {0} {1}: waiting {2}{3:0.#} s until {4:HH:mm:ss}Z ({5}; weight {6}/{7}){8}",
                wait.Path,
                wait.Description,
                wait.Reason == WaitReason.FirstAnswer ? "up to " : string.Empty,
                wait.Duration.TotalSeconds,
                wait.UntilUtc,
                wait.Reason,
                wait.UsedWeight,
                wait.WeightLimit,
                wait.Detail is null ? string.Empty : ": " + wait.Detail));
            return;
        }

        if (clientEvent is not RequestEvent e || e.Outcome == "ok")
        {
            return; // Told once, with the record count, by FetchAsync.
        }

        _log?.Invoke(string.Format(
            CultureInfo.InvariantCulture,
            "GET {0} {1}: attempt {2}, {3} after {4:0} ms, {5}",
            e.Path,
            e.Description,
            e.Attempt,
            e.HttpStatus == 0 ? "no response" : "HTTP " + e.HttpStatus.ToString(CultureInfo.InvariantCulture),
            e.Elapsed.TotalMilliseconds,
            e.Outcome));
    }
}
