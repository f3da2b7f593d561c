using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;

namespace PmInterest.Valuation;

/// <summary>
/// Values a chunk of records in one quote: the price rule for each distinct asset and minute, the
/// klines it needs fetched in the fewest requests into the session's cache, round after round.
/// Answers are taken in window order, so neither the requests nor the prices depend on timing.
/// </summary>
internal sealed class Valuator
{
    /// <summary>Rounds of the rule are bounded by its routes (direct, inverse, two legs of two); this is far above that.</summary>
    private const int MaxRounds = 16;

    private readonly IMarketSource _source;
    private readonly MarketSession _session;

    public Valuator(IMarketSource source, MarketSession session)
    {
        _source = source;
        _session = session;
    }

    public int Requests => _source.Requests;

    /// <summary>The records valued in <paramref name="quote"/>, in their order.</summary>
    public async Task<IReadOnlyList<ValuedInterest>> ValueAsync(IReadOnlyList<NegativeBalanceInterest> records, string quote, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<(string Asset, long Minute), PriceOutcome?>();
        foreach (var record in records)
        {
            if (!string.Equals(record.Asset, quote, StringComparison.Ordinal))
            {
                outcomes[(record.Asset, MinuteOf(record))] = null;
            }
        }

        if (outcomes.Count > 0)
        {
            var symbols = await _session.SymbolsAsync(_source, cancellationToken).ConfigureAwait(false);
            var descending = records.Count > 1 && records[0].AccruedMs > records[records.Count - 1].AccruedMs;
            await ResolveAsync(outcomes, quote, symbols, descending, cancellationToken).ConfigureAwait(false);
        }

        var valued = new ValuedInterest[records.Count];
        for (var i = 0; i < records.Count; i++)
        {
            valued[i] = Valued(records[i], quote, outcomes);
        }

        return valued;
    }

    internal static long MinuteOf(NegativeBalanceInterest record) => record.AccruedMs - (record.AccruedMs % KlineInterval.MinuteMs);

    private static ValuedInterest Valued(NegativeBalanceInterest record, string quote, Dictionary<(string Asset, long Minute), PriceOutcome?> outcomes)
    {
        if (string.Equals(record.Asset, quote, StringComparison.Ordinal))
        {
            return new ValuedInterest(record, quote, 1m, record.Asset, null, record.Interest, null);
        }

        var minute = MinuteOf(record);
        var outcome = outcomes[(record.Asset, minute)]!;
        if (outcome.Price is not decimal price)
        {
            return new ValuedInterest(record, quote, null, null, null, null, outcome.Reason);
        }

        decimal value;
        try
        {
            value = record.Interest * price;
        }
        catch (OverflowException)
        {
            return new ValuedInterest(record, quote, null, null, null, null, "interest x price exceeds what a decimal holds");
        }

        var time = DateTimeOffset.FromUnixTimeMilliseconds(minute).UtcDateTime;
        return new ValuedInterest(record, quote, price, outcome.Source, time, value, null);
    }

    private async Task ResolveAsync(Dictionary<(string Asset, long Minute), PriceOutcome?> outcomes, string quote, SymbolTable symbols, bool descending, CancellationToken cancellationToken)
    {
        var prices = _session.Prices;
        for (var round = 0; ; round++)
        {
            var needed = new SortedDictionary<string, SortedSet<long>>(StringComparer.Ordinal);
            foreach (var key in outcomes.Keys.ToList())
            {
                if (outcomes[key] is not null)
                {
                    continue;
                }

                var outcome = PriceRule.Evaluate(key.Asset, quote, key.Minute, symbols, prices);
                if (outcome.Decided)
                {
                    outcomes[key] = outcome;
                    continue;
                }

                if (!needed.TryGetValue(outcome.NeededSymbol!, out var minutes))
                {
                    minutes = new SortedSet<long>();
                    needed.Add(outcome.NeededSymbol!, minutes);
                }

                minutes.Add(key.Minute);
            }

            if (needed.Count == 0)
            {
                return;
            }

            if (round >= MaxRounds)
            {
                throw new BinanceApiException(BinanceErrorKind.Protocol, 200, null, "The klines answers contradict each other: the price rule kept asking for klines already fetched.", "/api/v3/klines");
            }

            var untrusted = await FetchAsync(needed, descending, null, cancellationToken).ConfigureAwait(false);
            if (untrusted.Count > 0)
            {
                await FetchAsync(untrusted, descending, KlineInterval.OneMinute, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Fetches the planned windows and settles every needed minute in the cache; returns the
    /// needed minutes whose kline was there but not trusted (see <see cref="KlineRequestPlanner"/>),
    /// to be asked at 1m.
    /// </summary>
    private async Task<SortedDictionary<string, SortedSet<long>>> FetchAsync(SortedDictionary<string, SortedSet<long>> needed, bool descending, KlineInterval? only, CancellationToken cancellationToken)
    {
        var prices = _session.Prices;
        var requests = new List<KlineRequest>();
        foreach (var pair in needed)
        {
            var symbol = pair.Key;
            requests.AddRange(KlineRequestPlanner.Plan(symbol, pair.Value.ToList(), m => prices.Trades(symbol, m), descending, only));
        }

        var answers = await FetchAllAsync(requests, cancellationToken).ConfigureAwait(false);
        var untrusted = new SortedDictionary<string, SortedSet<long>>(StringComparer.Ordinal);

        // In window order, so that a window's first kline can be trusted by the one before it.
        var order = Enumerable.Range(0, requests.Count)
            .OrderBy(i => requests[i].Symbol, StringComparer.Ordinal)
            .ThenBy(i => requests[i].StartMs);
        foreach (var i in order)
        {
            Absorb(requests[i], answers[i], untrusted);
        }

        return untrusted;
    }

    private void Absorb(KlineRequest request, KlineSeries series, SortedDictionary<string, SortedSet<long>> untrusted)
    {
        var prices = _session.Prices;
        var interval = request.Interval;
        var opens = new Dictionary<long, decimal>(series.Count);
        var previousTime = long.MinValue;
        for (var k = 0; k < series.Count; k++)
        {
            var time = series.OpenTimes[k];
            if (time <= previousTime || time < request.StartMs || time > request.LastOpenMs || !interval.Opens(time))
            {
                throw new BinanceApiException(
                    BinanceErrorKind.Protocol,
                    200,
                    null,
                    string.Format(CultureInfo.InvariantCulture, "The klines of {0} are not those asked for: a kline opens at {1}, which is out of order, outside the window or not on the interval.", request, time),
                    "/api/v3/klines");
            }

            previousTime = time;
            opens.Add(time, series.Opens[k]);
        }

        var fine = !ReferenceEquals(interval, KlineInterval.OneMinute);
        for (var k = 0; k < series.Count; k++)
        {
            var time = series.OpenTimes[k];
            var before = interval.Previous(time);
            if (!fine || opens.ContainsKey(before) || prices.Trades(request.Symbol, before))
            {
                prices.SetOpen(request.Symbol, time, series.Opens[k]);
            }
        }

        foreach (var minute in request.Needed)
        {
            if (!opens.ContainsKey(minute))
            {
                prices.SetNoKline(request.Symbol, minute);
            }
            else if (!prices.Trades(request.Symbol, minute))
            {
                if (!untrusted.TryGetValue(request.Symbol, out var minutes))
                {
                    minutes = new SortedSet<long>();
                    untrusted.Add(request.Symbol, minutes);
                }

                minutes.Add(minute);
            }
        }
    }

    /// <summary>Every request, at most <see cref="IMarketSource.MaxConcurrency"/> at once; the first failure cancels the rest and is what is thrown.</summary>
    private async Task<KlineSeries[]> FetchAllAsync(List<KlineRequest> requests, CancellationToken cancellationToken)
    {
        var answers = new KlineSeries[requests.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(Math.Max(1, _source.MaxConcurrency));
        Exception? failure = null;
        var tasks = new List<Task>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var index = i;
            tasks.Add(Task.Run(
                async () =>
                {
                    await slots.WaitAsync(stop.Token).ConfigureAwait(false);
                    try
                    {
                        answers[index] = await _source.KlinesAsync(requests[index], stop.Token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
                    {
                        Interlocked.CompareExchange(ref failure, e, null);
                        stop.Cancel();
                        throw;
                    }
                    finally
                    {
                        slots.Release();
                    }
                },
                CancellationToken.None));
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (Exception) when (failure is not null || cancellationToken.IsCancellationRequested)
        {
            cancellationToken.ThrowIfCancellationRequested();
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure!).Throw();
        }

        return answers;
    }
}
