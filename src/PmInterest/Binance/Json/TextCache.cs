using System.Collections.Generic;

namespace PmInterest.Binance.Json;

/// <summary>
/// Hands out one string per distinct short text (an asset code, a symbol) read from pages,
/// so a page of records allocates no string for the asset each record repeats. Bounded: past
/// <see cref="Capacity"/> distinct texts new ones are simply allocated. Thread-safe.
/// </summary>
internal sealed class TextCache
{
    public const int Capacity = 4096;

    private readonly Dictionary<int, List<string>> _byHash = new();
    private readonly object _gate = new();
    private int _count;

    public string Get(JsonCursor cursor, JsonSpan span)
    {
        if (span.Escaped || span.Length > 32)
        {
            return cursor.Text(span);
        }

        var text = cursor.Buffer;
        var hash = 17;
        for (var i = span.Start; i < span.Start + span.Length; i++)
        {
            hash = unchecked((hash * 31) + text[i]);
        }

        lock (_gate)
        {
            if (_byHash.TryGetValue(hash, out var bucket))
            {
                foreach (var s in bucket)
                {
                    if (Same(s, text, span))
                    {
                        return s;
                    }
                }
            }

            var made = cursor.Text(span);
            if (_count < Capacity)
            {
                if (bucket is null)
                {
                    _byHash[hash] = bucket = new List<string>(1);
                }

                bucket.Add(made);
                _count++;
            }

            return made;
        }
    }

    private static bool Same(string s, char[] text, JsonSpan span)
    {
        if (s.Length != span.Length)
        {
            return false;
        }

        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != text[span.Start + i])
            {
                return false;
            }
        }

        return true;
    }
}
