using System;
using System.IO;
using System.Linq;
using PmInterest.Ledger;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Ledger;

/// <summary>Files that are not ledgers, and paths that cannot be one: refused clearly, left untouched.</summary>
public sealed class LedgerForeignFileTests : IDisposable
{
    private const string H = LedgerFormat.Header + "\n";
    private const string TornHeader = "InterestAc";
    private const string Row1 = "2024-03-01T00:00:00.000Z,BTC,0.1,0.0001,1000\n";
    private const string Row2 = "2024-03-01T01:00:00.000Z,BTC,0.2,0.0001,2000\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, byte[], long, string> ForeignFiles() => new()
    {
        { "another header", Bytes("Time,Asset,Interest\n" + Row1), 1, "the header is 'Time,Asset,Interest'" },
        { "Export-Csv output", Bytes("\"InterestAccruedTime\",\"Asset\",\"Interest\",\"InterestRate\",\"Principal\"\n"), 1, "the header is" },
        { "another header, no LF", Bytes("Date;Asset"), 1, "the header is 'Date;Asset'" },
        { "a bad row", Bytes(H + Row1 + "2024-03-01T01:00:00.000Z,BTC,0,2,0.0001,2000\n" + Row2), 3, "expected 5 fields" },
        { "a bad amount", Bytes(H + Row1 + "2024-03-01T01:00:00.000Z,BTC,1.2E-5,0.0001,2000\n"), 3, "Interest '1.2E-5'" },
        { "a local-time row", Bytes(H + Row1 + "03/01/2024 01:00:00,BTC,0.2,0.0001,2000\n"), 3, "InterestAccruedTime '03/01/2024 01:00:00'" },
        { "rows out of order", Bytes(H + Row2 + Row1), 3, "out of order" },
        { "a repeated row", Bytes(H + Row1 + Row1 + Row2), 3, "the row has the asset BTC and the instant 2024-03-01T00:00:00.000Z of line 2 (it repeats that line)" },
        { "a second row for a key", Bytes(H + Row1 + "2024-03-01T00:00:00.000Z,BTC,0.5,0.0001,1000\n" + Row2), 3, "of line 2 with other amounts; a ledger holds one row per asset and instant" },
        { "a tie out of order", Bytes(H + "2024-03-01T00:00:00.000Z,ETH,0.1,0.0001,1000\n" + Row1), 3, "out of order" },
        { "CRLF line ends", Bytes(H.Replace("\n", "\r\n", StringComparison.Ordinal) + Row1.Replace("\n", "\r\n", StringComparison.Ordinal)), 1, "CR LF" },
        { "CRLF on a row", Bytes(H + Row1.Replace("\n", "\r\n", StringComparison.Ordinal) + Row2), 2, "CR LF" },
        { "a BOM", new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Bytes(H + Row1)).ToArray(), 1, "byte order mark" },
        { "a BOM alone", new byte[] { 0xEF, 0xBB, 0xBF }, 1, "byte order mark" },
        { "a NUL in a row", Bytes(H + Row1.Replace("BTC", "B\0C", StringComparison.Ordinal) + Row2), 2, "NUL" },
        { "NULs after the last row", Bytes(H + Row1 + "\0\0\0\0"), 3, "NUL" },
        { "an empty line", Bytes(H + Row1 + "\n" + Row2), 3, "empty" },
        { "a tab", Bytes(H + Row1.Replace(",", "\t", StringComparison.Ordinal)), 2, "control character" },
        { "broken UTF-8", Bytes(H).Concat(new byte[] { 0xC3, 0x28 }).Concat(Bytes("\n")).ToArray(), 2, "UTF-8" },
        { "a binary file", Enumerable.Repeat((byte)'x', 5000).ToArray(), 1, "longer than any ledger row" },
    };

    [Theory]
    [MemberData(nameof(ForeignFiles))]
    public void A_file_that_is_not_a_ledger_is_refused_with_its_line_and_left_untouched(string what, byte[] content, long line, string problemPart)
    {
        var path = _folder.File("foreign.csv");
        File.WriteAllBytes(path, content);

        var e = Assert.Throws<LedgerFormatException>(() => Open(path));

        Assert.Equal(line, e.LineNumber);
        Assert.Contains("line " + line + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains(problemPart, e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Equal(path, e.Path);
        Assert.True(content.SequenceEqual(File.ReadAllBytes(path)), what + ": the file was changed");

        // The refusal released the file: it can be opened (and fails the same way) again.
        Assert.Throws<LedgerFormatException>(() => Open(path));
        var read = Assert.Throws<LedgerFormatException>(() => LedgerReader.Read(path).ToList());
        Assert.Equal(line, read.LineNumber);
    }

    [Fact]
    public void A_folder_that_does_not_exist_is_a_clear_error()
    {
        var path = Path.Combine(_folder.Path, "missing", "ledger.csv");

        var e = Assert.Throws<LedgerException>(() => Open(path));

        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
    }

    [Fact]
    public void A_path_that_is_a_folder_is_a_clear_error()
    {
        var e = Assert.Throws<LedgerException>(() => Open(_folder.Path));

        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_read_only_file_is_a_clear_error_and_left_untouched()
    {
        var path = _folder.File("ledger.csv");
        File.WriteAllText(path, TornHeader);
        File.SetAttributes(path, FileAttributes.ReadOnly);

        var e = Assert.Throws<LedgerException>(() => Open(path));

        Assert.Contains("read-only", e.Message, StringComparison.Ordinal);
        Assert.Equal(TornHeader, File.ReadAllText(path));
    }

    [Fact]
    public void A_relative_path_is_the_callers_bug()
    {
        Assert.Throws<ArgumentException>(() => Open("ledger.csv"));
        Assert.Throws<ArgumentException>(() => LedgerReader.Read("ledger.csv").ToList());
    }

    private static byte[] Bytes(string text) => Utf8.GetBytes(text);
}
