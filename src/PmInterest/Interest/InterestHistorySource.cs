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
    private readonly Action<WaitEvent>? _waiting;

    /// <param name="log">Gets a line per request (no secrets), for verbose output.</param>
    /// <param name="waiting">Gets every wait before it starts; without it, waits are told to <paramref name="log"/>.</param>
    public InterestHistorySource(BinanceClient client, Action<string>? log, Action<WaitEvent>? waiting = null)
    {
        _client = client;
        _log = log;
        _waiting = waiting;
    }

    public int PageSize => MaxPageSize;

    public async Task<IReadOnlyList<NegativeBalanceInterest>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken)
    {
        var query = new PagerQuery(asset, startMs, endMs);
        var description = query.ToString();
        SignedResponse response;
        try
        {
            response = await _client.GetSignedAsync(Path, Parameters(query), Weight, description, Observe, cancellationToken).ConfigureAwait(false);
        }
        catch (BinanceApiException e) when (e.BinanceCode == -1127)
        {
            _log?.Invoke(string.Format(CultureInfo.InvariantCulture, "GET {0} {1}: window too long for the server ({2}); splitting it.", Path, description, e.BinanceMessage));
            throw new SpanLimitExceededException(e.Message, SpanLimitOf(e), e);
        }

        var records = Read(response);
        _log?.Invoke(string.Format(
            CultureInfo.InvariantCulture,
            "GET {0} {1}: {2} records, weight {3}/{4}{5}",
            Path,
            description,
            records.Count,
            response.UsedWeight?.ToString(CultureInfo.InvariantCulture) ?? "?",
            _client.GetWeightStatus().LimitInForce,
            response.Attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " (attempt {0})", response.Attempts) : string.Empty));
        return records;
    }

    /// <summary>The query's parameters in a fixed order; always explicit times and the largest page.</summary>
    private static List<KeyValuePair<string, string>> Parameters(PagerQuery query)
    {
        var parameters = new List<KeyValuePair<string, string>>(4);
        if (query.Asset is not null)
        {
            parameters.Add(new("asset", query.Asset));
        }

        parameters.Add(new("startTime", query.StartMs.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("endTime", query.EndMs.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("size", MaxPageSize.ToString(CultureInfo.InvariantCulture)));
        return parameters;
    }

    /// <summary>
    /// Binance says "More than 720 hours between startTime and endTime."; the number (hours or
    /// days) lets the next windows fit; without one the pager halves the span.
    /// </summary>
    private static TimeSpan? SpanLimitOf(BinanceApiException e)
    {
        var match = SpanLimit.Match(e.BinanceMessage);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        return match.Groups[2].Value.StartsWith("d", StringComparison.OrdinalIgnoreCase) ? TimeSpan.FromDays(n) : TimeSpan.FromHours(n);
    }

    /// <summary>The records of a 200 answer; anything that is not a page of records is a protocol error.</summary>
    private static List<NegativeBalanceInterest> Read(SignedResponse response)
    {
        List<NegativeBalanceInterest> records;
        try
        {
            records = InterestHistoryParser.Parse(response.Body);
        }
        catch (FormatException e)
        {
            throw new BinanceApiException(BinanceErrorKind.Protocol, 200, null, "The answer is not the expected list of records. " + e.Message, Path);
        }

        if (records.Count > MaxPageSize)
        {
            throw new BinanceApiException(
                BinanceErrorKind.Protocol,
                200,
                null,
                string.Format(CultureInfo.InvariantCulture, "The answer holds {0} records, more than the size={1} asked for.", records.Count, MaxPageSize),
                Path);
        }

        return records;
    }

    private void Observe(ClientEvent clientEvent)
    {
        switch (clientEvent)
        {
            case WaitEvent wait when _waiting is not null:
                _waiting(wait);
                break;
            case RequestEvent { Outcome: "ok" }:
                break; // Told once, with the record count, by FetchAsync.
            default:
                _log?.Invoke(ClientEventText.Describe(clientEvent));
                break;
        }
    }
}
