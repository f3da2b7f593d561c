using System;
using System.Collections.Generic;

namespace PmInterest.Valuation;

/// <summary>What is known of a symbol at one minute.</summary>
internal enum PriceKnowledge
{
    /// <summary>Not asked yet.</summary>
    Unknown = 0,

    /// <summary>The host has no kline opening on that minute (before a listing, say).</summary>
    NoKline = 1,

    /// <summary>A kline opens on that minute; its open is the price.</summary>
    Known = 2,
}

/// <summary>
/// The opens a session has learned per symbol and minute, and the minutes without a kline, so
/// that each price is fetched once; bounded (the oldest forgotten first) so no input grows it without end.
/// </summary>
internal sealed class PriceCache
{
    /// <summary>Enough for 57 years of hourly prices of one symbol, or 1,370 symbol-years of daily ones.</summary>
    public const int DefaultCapacity = 500_000;

    private readonly object _gate = new();
    private readonly Dictionary<(string Symbol, long Minute), decimal?> _prices = new();
    private readonly Queue<(string Symbol, long Minute)> _learned = new();

    public PriceCache(int capacity = DefaultCapacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The cache must hold at least one price.");
        }

        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _prices.Count;
            }
        }
    }

    /// <summary>What is known of <paramref name="symbol"/> at <paramref name="minuteMs"/>; the open when a kline opens there.</summary>
    public PriceKnowledge Lookup(string symbol, long minuteMs, out decimal open)
    {
        lock (_gate)
        {
            if (_prices.TryGetValue((symbol, minuteMs), out var known))
            {
                open = known ?? 0m;
                return known.HasValue ? PriceKnowledge.Known : PriceKnowledge.NoKline;
            }
        }

        open = 0m;
        return PriceKnowledge.Unknown;
    }

    /// <summary>True when a kline of <paramref name="symbol"/> is known to open at <paramref name="minuteMs"/>.</summary>
    public bool Trades(string symbol, long minuteMs) => Lookup(symbol, minuteMs, out _) == PriceKnowledge.Known;

    public void SetOpen(string symbol, long minuteMs, decimal open) => Set(symbol, minuteMs, open);

    public void SetNoKline(string symbol, long minuteMs) => Set(symbol, minuteMs, null);

    private void Set(string symbol, long minuteMs, decimal? value)
    {
        var key = (symbol, minuteMs);
        lock (_gate)
        {
            if (_prices.ContainsKey(key))
            {
                _prices[key] = value;
                return;
            }

            _prices.Add(key, value);
            _learned.Enqueue(key);
            while (_prices.Count > Capacity)
            {
                _prices.Remove(_learned.Dequeue());
            }
        }
    }
}
