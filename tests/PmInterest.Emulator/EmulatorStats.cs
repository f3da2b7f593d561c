using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;

namespace PmInterest.Emulator;

/// <summary>
/// Thread-safe counters of what the server saw, so tests can count a client's requests.
/// <c>/_emulator/*</c> requests are never counted. Collections are returned as snapshots.
/// </summary>
public sealed class EmulatorStats
{
    private readonly ConcurrentDictionary<string, long> byPath = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> byStatus = new();
    private readonly Lock queriesGate = new();
    private readonly HashSet<EmulatorQuery> distinctQuerySet = [];
    private readonly List<EmulatorQuery> distinctQueries = [];
    private readonly Func<WeightPool, long> currentWeight;
    private long totalRequests;
    private long interestHistoryRequests;
    private long interestHistoryOk;
    private long recordsServed;
    private long faultsInjected;
    private long tooManyRequests;
    private long banned;

    internal EmulatorStats(Func<WeightPool, long> currentWeight) => this.currentWeight = currentWeight;

    /// <summary>All counted requests (every path except <c>/_emulator/*</c>).</summary>
    public long TotalRequests => Interlocked.Read(ref totalRequests);

    /// <summary>Requests per URL path (e.g. <c>/sapi/v1/portfolio/interest-history</c>).</summary>
    public IReadOnlyDictionary<string, long> RequestsByPath => new Dictionary<string, long>(byPath, StringComparer.Ordinal);

    /// <summary>Answered requests per HTTP status (dropped connections have none).</summary>
    public IReadOnlyDictionary<int, long> RequestsByStatus => new Dictionary<int, long>(byStatus);

    /// <summary>Interest-history requests that reached the handler (and so were charged 50), whatever the answer.</summary>
    public long InterestHistoryRequests => Interlocked.Read(ref interestHistoryRequests);

    /// <summary>Interest-history requests answered 200.</summary>
    public long InterestHistoryOk => Interlocked.Read(ref interestHistoryOk);

    /// <summary>Records returned by all 200 interest-history answers together.</summary>
    public long RecordsServed => Interlocked.Read(ref recordsServed);

    /// <summary>Injected faults (503, 502 and dropped connections).</summary>
    public long FaultsInjected => Interlocked.Read(ref faultsInjected);

    /// <summary>Requests refused with 429.</summary>
    public long TooManyRequests => Interlocked.Read(ref tooManyRequests);

    /// <summary>Requests refused with 418 (the one that started a ban and all during it).</summary>
    public long Banned => Interlocked.Read(ref banned);

    /// <summary>SAPI weight used in the current window (what <c>X-SAPI-USED-IP-WEIGHT-1M</c> would say now).</summary>
    public long CurrentWindowWeight => currentWeight(WeightPool.Sapi);

    /// <summary>/api weight used in the current window (what <c>X-MBX-USED-WEIGHT-1M</c> would say now).</summary>
    public long CurrentApiWindowWeight => currentWeight(WeightPool.Api);

    /// <summary>Distinct (asset, startTime, endTime) interest-history queries answered 200, in first-seen order.</summary>
    public IReadOnlyList<EmulatorQuery> DistinctInterestQueries
    {
        get
        {
            lock (queriesGate)
            {
                return [.. distinctQueries];
            }
        }
    }

    /// <summary>Number of <see cref="DistinctInterestQueries"/>.</summary>
    public int DistinctInterestQueryCount
    {
        get
        {
            lock (queriesGate)
            {
                return distinctQueries.Count;
            }
        }
    }

    /// <summary>Requests seen for one path.</summary>
    public long RequestsForPath(string path) => byPath.GetValueOrDefault(path);

    /// <summary>Requests answered with one HTTP status.</summary>
    public long RequestsWithStatus(int status) => byStatus.GetValueOrDefault(status);

    internal void CountRequest(string path)
    {
        Interlocked.Increment(ref totalRequests);
        byPath.AddOrUpdate(path, 1, (_, n) => n + 1);
    }

    internal void CountStatus(int status)
    {
        byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
        if (status == 429)
        {
            Interlocked.Increment(ref tooManyRequests);
        }
        else if (status == 418)
        {
            Interlocked.Increment(ref banned);
        }
    }

    internal void CountFault() => Interlocked.Increment(ref faultsInjected);

    internal void CountInterestHistoryRequest() => Interlocked.Increment(ref interestHistoryRequests);

    internal void CountInterestHistoryOk(EmulatorQuery query, int records)
    {
        Interlocked.Increment(ref interestHistoryOk);
        Interlocked.Add(ref recordsServed, records);
        lock (queriesGate)
        {
            if (distinctQuerySet.Add(query))
            {
                distinctQueries.Add(query);
            }
        }
    }

    internal void Reset()
    {
        byPath.Clear();
        byStatus.Clear();
        lock (queriesGate)
        {
            distinctQuerySet.Clear();
            distinctQueries.Clear();
        }

        Interlocked.Exchange(ref totalRequests, 0);
        Interlocked.Exchange(ref interestHistoryRequests, 0);
        Interlocked.Exchange(ref interestHistoryOk, 0);
        Interlocked.Exchange(ref recordsServed, 0);
        Interlocked.Exchange(ref faultsInjected, 0);
        Interlocked.Exchange(ref tooManyRequests, 0);
        Interlocked.Exchange(ref banned, 0);
    }

    /// <summary>The body of <c>GET /_emulator/stats</c>.</summary>
    internal void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("totalRequests", TotalRequests);
        w.WriteStartObject("requestsByPath");
        foreach (KeyValuePair<string, long> pair in RequestsByPath.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(pair.Key, pair.Value);
        }

        w.WriteEndObject();
        w.WriteStartObject("requestsByStatus");
        foreach (KeyValuePair<int, long> pair in RequestsByStatus.OrderBy(p => p.Key))
        {
            w.WriteNumber(pair.Key.ToString(CultureInfo.InvariantCulture), pair.Value);
        }

        w.WriteEndObject();
        w.WriteNumber("interestHistoryRequests", InterestHistoryRequests);
        w.WriteNumber("interestHistoryOk", InterestHistoryOk);
        w.WriteNumber("recordsServed", RecordsServed);
        w.WriteNumber("faultsInjected", FaultsInjected);
        w.WriteNumber("tooManyRequests", TooManyRequests);
        w.WriteNumber("banned", Banned);
        w.WriteNumber("currentWindowWeight", CurrentWindowWeight);
        w.WriteNumber("currentApiWindowWeight", CurrentApiWindowWeight);
        IReadOnlyList<EmulatorQuery> queries = DistinctInterestQueries;
        w.WriteNumber("distinctInterestQueryCount", queries.Count);
        w.WriteStartArray("distinctInterestQueries");
        foreach (EmulatorQuery q in queries)
        {
            w.WriteStartObject();
            if (q.Asset is null)
            {
                w.WriteNull("asset");
            }
            else
            {
                w.WriteString("asset", q.Asset);
            }

            w.WriteNumber("startTime", q.StartTime);
            w.WriteNumber("endTime", q.EndTime);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
