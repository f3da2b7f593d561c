using System;

namespace PmInterest.Binance;

/// <summary>
/// A body read as text into a pooled buffer, or the reason it was refused. Disposing gives
/// the buffer back; the reader of a page is done with it by then.
/// </summary>
internal sealed class BodyText : IDisposable
{
    private char[]? _chars;
    private string? _text;

    private BodyText(char[]? chars, int length, string? failure)
    {
        _chars = chars;
        Length = length;
        Failure = failure;
    }

    /// <summary>The characters read (the first <see cref="Length"/> of them count).</summary>
    public char[] Chars => _chars ?? throw new ObjectDisposedException(nameof(BodyText));

    public int Length { get; }

    /// <summary>Why the body was refused, or null when it was read.</summary>
    public string? Failure { get; }

    /// <summary>The text as a string, for the rare reader that wants one (made once).</summary>
    public string Text => _text ??= Failure is null ? new string(Chars, 0, Length) : string.Empty;

    public static BodyText Of(char[] pooled, int length) => new(pooled, length, null);

    public static BodyText Of(string text) => new(text.ToCharArray(), text.Length, null) { _text = text };

    public static BodyText Fail(string failure) => new(Array.Empty<char>(), 0, failure);

    public void Dispose()
    {
        var chars = _chars;
        _chars = null;
        if (chars is not null && chars.Length > 0)
        {
            BufferPool<char>.Shared.Return(chars);
        }
    }
}
