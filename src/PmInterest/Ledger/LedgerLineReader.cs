using System;
using System.IO;

namespace PmInterest.Ledger;

/// <summary>One line of a ledger file as bytes: where it starts, its number and whether an LF ended it.</summary>
internal readonly struct LedgerLine
{
    public LedgerLine(long number, long start, byte[] bytes, bool terminated)
    {
        Number = number;
        Start = start;
        Bytes = bytes;
        Terminated = terminated;
    }

    /// <summary>1 for the header.</summary>
    public long Number { get; }

    /// <summary>The byte offset of the line's first byte in the file.</summary>
    public long Start { get; }

    /// <summary>The line's bytes without its LF.</summary>
    public byte[] Bytes { get; }

    /// <summary>False for a last line that the file ends inside (no LF after it).</summary>
    public bool Terminated { get; }
}

/// <summary>
/// Splits a stream into LF-terminated lines of bytes, streaming, keeping each line's byte
/// offset (a block rewrite truncates to one). Works on bytes, not text, so that a BOM, a CR,
/// a NUL or broken UTF-8 is seen as what it is rather than decoded away. A line longer than
/// any ledger row can be is refused, so a foreign (say, binary) file costs bounded memory.
/// </summary>
internal sealed class LedgerLineReader
{
    /// <summary>Far longer than any row (about 24 + 1 + 20 x 3 + 3 x 31 bytes).</summary>
    public const int MaxLineBytes = 1024;

    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private readonly byte[] _pending = new byte[MaxLineBytes];
    private int _count;
    private int _next;
    private long _bufferStart;
    private long _number;
    private bool _eof;

    public LedgerLineReader(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
        _bufferStart = stream.Position;
    }

    public bool TryRead(out LedgerLine line)
    {
        line = default;
        var length = 0;
        var start = _bufferStart + _next;
        while (true)
        {
            if (_next == _count && !Fill())
            {
                if (length == 0)
                {
                    return false;
                }

                line = new LedgerLine(++_number, start, Slice(_pending, length), terminated: false);
                return true;
            }

            var lf = Array.IndexOf(_buffer, (byte)'\n', _next, _count - _next);
            var end = lf < 0 ? _count : lf;
            var take = end - _next;
            if (length + take > MaxLineBytes)
            {
                throw new LedgerFormatException(_path, _number + 1, "the line is longer than any ledger row (over " + MaxLineBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes)");
            }

            Buffer.BlockCopy(_buffer, _next, _pending, length, take);
            length += take;
            _next = end;
            if (lf >= 0)
            {
                _next++;
                line = new LedgerLine(++_number, start, Slice(_pending, length), terminated: true);
                return true;
            }
        }
    }

    private static byte[] Slice(byte[] bytes, int length)
    {
        var copy = new byte[length];
        Buffer.BlockCopy(bytes, 0, copy, 0, length);
        return copy;
    }

    private bool Fill()
    {
        if (_eof)
        {
            return false;
        }

        _bufferStart += _count;
        _count = _stream.Read(_buffer, 0, _buffer.Length);
        _next = 0;
        _eof = _count == 0;
        return !_eof;
    }
}
