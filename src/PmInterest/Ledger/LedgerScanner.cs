using System;
using System.IO;
using System.Text;
using PmInterest.Interest;
using PmInterest.Paging;

namespace PmInterest.Ledger;

/// <summary>
/// Reads a ledger strictly and streaming: the header, then each row parsed and checked to
/// follow the one before in <see cref="RecordOrder{T}.OldestFirst"/>, with at most one row per asset
/// and instant. The first thing that is not so is a <see cref="LedgerFormatException"/> naming the line. Two states are not errors
/// because a crash leaves them: a file holding only a prefix of the header line (no header
/// yet), and a last line without its LF (a torn row), which is reported, not returned.
/// Changes nothing: what to do about either is the caller's choice.
/// </summary>
internal sealed class LedgerScanner
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] HeaderBytes = Encoding.ASCII.GetBytes(LedgerFormat.Header);
    private const string CrlfProblem = "the line ends with CR LF; a ledger's lines end with LF alone (was the file saved by an editor or converted?)";

    private static readonly byte[] Bom = { 0xEF, 0xBB, 0xBF };

    private readonly LedgerLineReader _lines;
    private readonly string _path;
    private NegativeBalanceInterest? _previous;
    private long _previousLine;

    public LedgerScanner(Stream stream, string path)
    {
        _lines = new LedgerLineReader(stream, path);
        _path = path;
    }

    /// <summary>The byte offset where a torn last line starts, or -1 when the file ends with LF (or is empty).</summary>
    public long TornStart { get; private set; } = -1;

    /// <summary>The line number of the torn last line, or 0.</summary>
    public long TornLineNumber { get; private set; }

    /// <summary>
    /// True when the file starts with the whole header line. False for an empty file or one
    /// holding only a prefix of it (then <see cref="TornStart"/> is 0 if any byte is there).
    /// </summary>
    public bool ReadHeader()
    {
        if (!_lines.TryRead(out var line))
        {
            return false;
        }

        var bytes = line.Bytes;
        if (StartsWith(bytes, Bom))
        {
            throw Error(line, "the file starts with a byte order mark (BOM); a ledger is UTF-8 without one");
        }

        if (!line.Terminated && bytes.Length <= HeaderBytes.Length && StartsWith(HeaderBytes, bytes))
        {
            TornStart = 0;
            TornLineNumber = 1;
            return false;
        }

        if (line.Terminated && EndsWithCr(bytes) && Same(bytes, bytes.Length - 1, HeaderBytes))
        {
            throw Error(line, CrlfProblem);
        }

        if (!line.Terminated || !Same(bytes, bytes.Length, HeaderBytes))
        {
            throw Error(line, "the header is " + LedgerFormat.Quote(Text(line) ?? "(not UTF-8 text)") + ", not '" + LedgerFormat.Header + "'");
        }

        return true;
    }

    /// <summary>The next row with the byte offset it starts at; false at the end (or at a torn last line).</summary>
    public bool TryReadRow(out NegativeBalanceInterest record, out long start)
    {
        record = null!;
        start = 0;
        if (!_lines.TryRead(out var line))
        {
            return false;
        }

        var control = Array.FindIndex(line.Bytes, b => b < 0x20 || b == 0x7F);
        if (!line.Terminated && control < 0)
        {
            TornStart = line.Start;
            TornLineNumber = line.Number;
            return false;
        }

        if (control >= 0)
        {
            throw Error(line, ControlProblem(line.Bytes, control));
        }

        var text = Text(line) ?? throw Error(line, "the line is not valid UTF-8 text");
        if (text.Length == 0)
        {
            throw Error(line, "the line is empty");
        }

        if (!LedgerFormat.TryParseRow(text, out var parsed, out var problem))
        {
            throw Error(line, problem!);
        }

        if (_previous is not null && RecordOrder<NegativeBalanceInterest>.OldestFirst.Compare(_previous, parsed) > 0)
        {
            throw Error(line, "the row is out of order: it belongs before the row above it (rows are oldest first, and rows of one instant are ordered by asset, then amounts)");
        }

        // Rows of one instant are ordered by asset, so a second row for a key follows the first.
        if (_previous is not null && _previous.AccruedMs == parsed!.AccruedMs && string.Equals(_previous.Asset, parsed.Asset, StringComparison.Ordinal))
        {
            throw Error(line, string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "the row has the asset {0} and the instant {1} of line {2}{3}; a ledger holds one row per asset and instant",
                parsed.Asset,
                Watermark.Format(parsed.AccruedMs),
                _previousLine,
                _previous.Equals(parsed) ? " (it repeats that line)" : " with other amounts"));
        }

        _previous = parsed!;
        _previousLine = line.Number;
        record = parsed!;
        start = line.Start;
        return true;
    }

    private static string ControlProblem(byte[] bytes, int at)
    {
        if (bytes[at] == 0)
        {
            return "the line holds a NUL byte (the file may be damaged)";
        }

        return bytes[at] == (byte)'\r' && at == bytes.Length - 1
            ? CrlfProblem
            : "the line holds a control character (byte 0x" + bytes[at].ToString("X2", System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    private static string? Text(LedgerLine line)
    {
        try
        {
            return StrictUtf8.GetString(line.Bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static bool EndsWithCr(byte[] bytes) => bytes.Length > 0 && bytes[bytes.Length - 1] == (byte)'\r';

    private static bool StartsWith(byte[] bytes, byte[] prefix)
    {
        if (bytes.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (bytes[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static bool Same(byte[] bytes, int length, byte[] expected)
    {
        if (length != expected.Length)
        {
            return false;
        }

        for (var i = 0; i < length; i++)
        {
            if (bytes[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    private LedgerFormatException Error(LedgerLine line, string problem) => new(_path, line.Number, problem);
}
