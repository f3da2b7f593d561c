using System;
using System.Collections.Generic;

namespace PmInterest.Binance;

/// <summary>
/// Reuses the few buffers answers are read into, so a walk of thousands of pages does not
/// allocate two body-sized arrays per page. netstandard2.0 has no ArrayPool, and the module
/// ships no package that PowerShell could load in another version, hence this small one.
/// </summary>
internal sealed class BufferPool<T>
{
    private const int Kept = 8;
    private readonly Stack<T[]> _free = new();
    private readonly int _largest;

    public BufferPool(int largest) => _largest = largest;

    public static BufferPool<T> Shared { get; } = new(2 * 1024 * 1024);

    /// <summary>An array of at least <paramref name="minimum"/> elements (contents undefined).</summary>
    public T[] Rent(int minimum)
    {
        lock (_free)
        {
            while (_free.Count > 0)
            {
                var candidate = _free.Pop();
                if (candidate.Length >= minimum)
                {
                    return candidate;
                }
            }
        }

        return new T[Math.Max(minimum, 4096)];
    }

    public void Return(T[]? array)
    {
        if (array is null || array.Length > _largest)
        {
            return;
        }

        lock (_free)
        {
            if (_free.Count < Kept)
            {
                _free.Push(array);
            }
        }
    }
}
