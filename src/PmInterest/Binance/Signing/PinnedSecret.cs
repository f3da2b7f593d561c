using System;
using System.Runtime.InteropServices;

namespace PmInterest.Binance.Signing;

/// <summary>
/// An array of secret bytes or characters that the garbage collector may not move (a compacting
/// collection would leave a stale, never-cleared copy behind), cleared and released by Dispose.
/// It is pinned while still empty, so the secret is only ever written to one place.
/// </summary>
internal sealed class PinnedSecret<T> : IDisposable
    where T : unmanaged
{
    private GCHandle _handle;

    public PinnedSecret(int length)
    {
        Array = new T[length];
        _handle = GCHandle.Alloc(Array, GCHandleType.Pinned);
    }

    /// <summary>The pinned array; empty (all zero) after Dispose.</summary>
    public T[] Array { get; }

    public int Length => Array.Length;

    public void Dispose()
    {
        System.Array.Clear(Array, 0, Array.Length);
        if (_handle.IsAllocated)
        {
            _handle.Free();
        }
    }
}

/// <summary>Making <see cref="PinnedSecret{T}"/>s.</summary>
internal static class PinnedSecret
{
    /// <summary>A pinned copy of <paramref name="length"/> elements of <paramref name="source"/> from <paramref name="start"/>.</summary>
    public static PinnedSecret<T> Copy<T>(T[] source, int start, int length)
        where T : unmanaged
    {
        var copy = new PinnedSecret<T>(length);
        System.Array.Copy(source, start, copy.Array, 0, length);
        return copy;
    }

    /// <summary>The characters of a string that is not ours to clear (an environment variable), in a pinned array that is.</summary>
    public static PinnedSecret<char> Of(string text)
    {
        var chars = new PinnedSecret<char>(text.Length);
        text.CopyTo(0, chars.Array, 0, text.Length);
        return chars;
    }

    /// <summary>The UTF-8 bytes of <paramref name="chars"/>, pinned.</summary>
    public static PinnedSecret<byte> Utf8(char[] chars, int start, int length)
    {
        var bytes = new PinnedSecret<byte>(System.Text.Encoding.UTF8.GetByteCount(chars, start, length));
        System.Text.Encoding.UTF8.GetBytes(chars, start, length, bytes.Array, 0);
        return bytes;
    }
}
