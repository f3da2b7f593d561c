using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Interest;
using PmInterest.Paging;
using PmInterest.Endpoints;
using PmInterest.Binance.Json;
using System.Globalization;

namespace PmInterest.Tests.Paging;

/// <summary>
/// An in-memory page source that behaves like the endpoint: inclusive windows, a page
/// cap, newest- or oldest-first selection, ties in a fresh random order on every request
/// (so a tie cut by a page end yields a different subset each time), and a span limit.
/// </summary>
internal sealed class FakeInterestSource : IPageSource<NegativeBalanceInterest>
{
    private readonly List<NegativeBalanceInterest> _records;
    private readonly Random _random;
    private int _requests;

    public FakeInterestSource(IEnumerable<NegativeBalanceInterest> records, int pageSize, bool newestFirst, bool shuffleTies, long? spanLimitMs = null, int seed = 1, bool latency = false, InterestHistoryEndpoint? wire = null)
    {
        Wire = wire;
        Latency = latency;
        _records = records.ToList();
        PageSize = pageSize;
        NewestFirst = newestFirst;
        ShuffleTies = shuffleTies;
        SpanLimitMs = spanLimitMs;
        _random = new Random(seed);
    }

    public int PageSize { get; }

    public TimeSpan MaxSpan => TimeSpan.FromDays(30);

    public bool NewestFirst { get; }

    public bool ShuffleTies { get; }

    public long? SpanLimitMs { get; }

    /// <summary>Answers complete after a random short delay, so concurrent windows finish in a random order.</summary>
    public bool Latency { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>When set, each page is written as that endpoint's JSON answer and read back by the endpoint, as the client would.</summary>
    public InterestHistoryEndpoint? Wire { get; }

    public List<(string? Asset, long Start, long End)> Queries { get; } = new();

    public async Task<IReadOnlyList<NegativeBalanceInterest>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (Latency)
        {
            int delay;
            lock (_random)
            {
                delay = _random.Next(8);
            }

            if (delay == 0)
            {
                await Task.Delay(1, cancellationToken);
            }
            else
            {
                await Task.Yield();
            }
        }

        Interlocked.Increment(ref _requests);
        lock (Queries)
        {
            Queries.Add((asset, startMs, endMs));
        }

        if (startMs > endMs)
        {
            throw new InvalidOperationException("start after end");
        }

        if (SpanLimitMs is long limit && endMs - startMs > limit)
        {
            throw new SpanLimitExceededException("too long", TimeSpan.FromMilliseconds(limit), null);
        }

        List<NegativeBalanceInterest> matching;
        lock (_random)
        {
            matching = _records
                .Where(r => r.AccruedMs >= startMs && r.AccruedMs <= endMs && (asset is null || r.Asset == asset))
                .Select(r => (Record: r, Key: ShuffleTies ? _random.Next() : 0))
                .OrderBy(x => NewestFirst ? -x.Record.AccruedMs : x.Record.AccruedMs)
                .ThenBy(x => x.Key)
                .ThenBy(x => x.Record.Asset, StringComparer.Ordinal)
                .Select(x => x.Record)
                .Take(PageSize)
                .ToList();
        }

        return Wire is null ? matching : Wire.Read(new JsonCursor(Json(matching, Wire.TimeField)));
    }

    private static string Json(List<NegativeBalanceInterest> page, string timeField) =>
        "[" + string.Join(",", page.Select(r => string.Format(
            CultureInfo.InvariantCulture,
            "{{\"asset\":\"{0}\",\"interest\":\"{1}\",\"{2}\":{3},\"interestRate\":\"{4}\",\"principal\":\"{5}\"}}",
            r.Asset,
            r.Interest,
            timeField,
            r.AccruedMs,
            r.InterestRate,
            r.Principal))) + "]";
}
