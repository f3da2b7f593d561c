using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Paging;

namespace PmInterest.Endpoints;

/// <summary>
/// A <see cref="PagedEndpoint{T}"/> on a client, as the window walker's page source: one
/// request per page, a line per request for verbose output, and the server's "window too
/// long" (-1127) turned into what the walker learns a shorter span from.
/// </summary>
internal sealed class PagedSource<T> : IPageSource<T>
    where T : class, IPagedRecord<T>
{
    private static readonly Regex SpanLimit = new(@"(\d+)\s*(hour|day)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    private readonly BinanceClient _client;
    private readonly RefusalBudget _run; // one source is one walk: its requests share the refusal bounds
    private readonly PagedEndpoint<T> _endpoint;
    private readonly Action<string>? _log;
    private readonly Action<WaitEvent>? _waiting;

    /// <param name="log">Gets a line per request (no secrets), for verbose output.</param>
    /// <param name="waiting">Gets every wait before it starts; without it, waits are told to <paramref name="log"/>.</param>
    public PagedSource(BinanceClient client, PagedEndpoint<T> endpoint, Action<string>? log, Action<WaitEvent>? waiting = null)
    {
        _client = client;
        _run = client.NewRun();
        _endpoint = endpoint;
        _log = log;
        _waiting = waiting;
    }

    public int PageSize => _endpoint.PageSize;

    public TimeSpan MaxSpan => _endpoint.MaxSpan;

    public async Task<IReadOnlyList<T>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken)
    {
        var query = new PagerQuery(asset, startMs, endMs);
        var description = query.ToString();
        ApiAnswer<List<T>> answer;
        try
        {
            answer = await _client.GetAsync(_endpoint, _endpoint.Parameters(query), description, Observe, cancellationToken, _run).ConfigureAwait(false);
        }
        catch (BinanceApiException e) when (e.BinanceCode == -1127)
        {
            _log?.Invoke(string.Format(CultureInfo.InvariantCulture, "GET {0} {1}: window too long for the server ({2}); splitting it.", _endpoint.Path, description, e.BinanceMessage));
            throw new SpanLimitExceededException(e.Message, SpanLimitOf(e), e);
        }

        var records = answer.Value;
        if (records.Count > PageSize)
        {
            throw new BinanceApiException(
                BinanceErrorKind.Protocol,
                200,
                null,
                string.Format(CultureInfo.InvariantCulture, "The answer holds {0} records, more than the size={1} asked for.", records.Count, PageSize),
                _endpoint.Path);
        }

        _log?.Invoke(string.Format(
            CultureInfo.InvariantCulture,
            "GET {0} {1}: {2} records, weight {3}/{4}{5}",
            _endpoint.Path,
            description,
            records.Count,
            answer.UsedWeight?.ToString(CultureInfo.InvariantCulture) ?? "?",
            _client.GetWeightStatus(_endpoint.Pool).LimitInForce,
            answer.Attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " (attempt {0})", answer.Attempts) : string.Empty));
        return records;
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

    private void Observe(ClientEvent clientEvent) => SourceEvents.Tell(clientEvent, _waiting, _log);
}
