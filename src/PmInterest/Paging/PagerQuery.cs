using System;
using System.Globalization;

namespace PmInterest.Paging;

/// <summary>One request the pager makes: an inclusive window in epoch ms, for one asset or all (null).</summary>
internal readonly struct PagerQuery : IEquatable<PagerQuery>
{
    public PagerQuery(string? asset, long startMs, long endMs)
    {
        Asset = asset;
        StartMs = startMs;
        EndMs = endMs;
    }

    public string? Asset { get; }

    public long StartMs { get; }

    public long EndMs { get; }

    /// <summary>Milliseconds covered, both ends included.</summary>
    public long Length => EndMs - StartMs + 1;

    public bool Contains(long ms) => ms >= StartMs && ms <= EndMs;

    public bool Equals(PagerQuery other) => Asset == other.Asset && StartMs == other.StartMs && EndMs == other.EndMs;

    public override bool Equals(object? obj) => obj is PagerQuery other && Equals(other);

    public override int GetHashCode() => unchecked((StartMs.GetHashCode() * 397) ^ EndMs.GetHashCode());

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "{0} {1:yyyy-MM-dd HH:mm:ss.fff}Z..{2:yyyy-MM-dd HH:mm:ss.fff}Z",
        Asset ?? "all assets",
        DateTimeOffset.FromUnixTimeMilliseconds(StartMs).UtcDateTime,
        DateTimeOffset.FromUnixTimeMilliseconds(EndMs).UtcDateTime);
}
