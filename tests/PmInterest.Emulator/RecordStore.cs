namespace PmInterest.Emulator;

/// <summary>
/// The immutable data set, indexed for window queries: all records, and each asset's records,
/// sorted oldest first (ties by asset) so that a window is found by binary search.
/// </summary>
internal sealed class RecordStore
{
    private readonly EmulatorRecord[] ascending;
    private readonly Dictionary<string, EmulatorRecord[]> byAsset;

    internal RecordStore(IEnumerable<EmulatorRecord> records)
    {
        ascending = [.. records
            .OrderBy(r => r.InterestAccruedTime)
            .ThenBy(r => r.Asset, StringComparer.Ordinal)];
        byAsset = ascending
            .GroupBy(r => r.Asset, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        NewestFirst = [.. ascending
            .OrderByDescending(r => r.InterestAccruedTime)
            .ThenBy(r => r.Asset, StringComparer.Ordinal)];
    }

    /// <summary>The whole data set, newest first, ties by asset.</summary>
    internal IReadOnlyList<EmulatorRecord> NewestFirst { get; }

    /// <summary>The records of the inclusive window [start, end], optionally of one asset, oldest first.</summary>
    internal ReadOnlySpan<EmulatorRecord> Window(string? asset, long start, long end)
    {
        EmulatorRecord[] source;
        if (asset is null)
        {
            source = ascending;
        }
        else if (!byAsset.TryGetValue(asset, out source!))
        {
            return [];
        }

        if (end < start)
        {
            return [];
        }

        int from = LowerBound(source, start);
        int to = LowerBound(source, end == long.MaxValue ? end : end + 1);
        return source.AsSpan(from, to - from);
    }

    /// <summary>Index of the first record at or after <paramref name="time"/>.</summary>
    private static int LowerBound(EmulatorRecord[] source, long time)
    {
        int low = 0;
        int high = source.Length;
        while (low < high)
        {
            int mid = low + ((high - low) / 2);
            if (source[mid].InterestAccruedTime < time)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }
}
