using System.Collections.Generic;

namespace PmInterest.Paging;

/// <summary>
/// The records already handed on at one instant. A page that starts inside a tie repeats
/// part of it; each repeat is matched once, so two genuinely identical records both survive.
/// </summary>
internal sealed class RecordMultiset<T>
    where T : class, IPagedRecord<T>
{
    private readonly Dictionary<T, int> _counts = new();

    public int Count { get; private set; }

    public void Add(T record)
    {
        _counts.TryGetValue(record, out var n);
        _counts[record] = n + 1;
        Count++;
    }

    /// <summary>Removes one occurrence; false when the record was not there.</summary>
    public bool TryRemove(T record)
    {
        if (!_counts.TryGetValue(record, out var n))
        {
            return false;
        }

        if (n == 1)
        {
            _counts.Remove(record);
        }
        else
        {
            _counts[record] = n - 1;
        }

        Count--;
        return true;
    }

    public IEnumerable<T> Items
    {
        get
        {
            foreach (var pair in _counts)
            {
                for (var i = 0; i < pair.Value; i++)
                {
                    yield return pair.Key;
                }
            }
        }
    }

    /// <summary>
    /// Adds what <paramref name="records"/> holds beyond this set (a multiset union: each
    /// record as often as the larger of its two counts), so a record seen on two pages is
    /// kept once and one seen on only one of them is never lost.
    /// </summary>
    public void UnionWith(IEnumerable<T> records)
    {
        var unmatched = Clone();
        foreach (var r in records)
        {
            if (!unmatched.TryRemove(r))
            {
                Add(r);
            }
        }
    }

    public RecordMultiset<T> Clone()
    {
        var copy = new RecordMultiset<T>();
        foreach (var pair in _counts)
        {
            copy._counts[pair.Key] = pair.Value;
        }

        copy.Count = Count;
        return copy;
    }
}
