using System;
using System.IO;
using System.Linq;
using PmInterest.Ledger;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Ledger;

/// <summary>What the file system refuses (a full disk, access denied) is a LedgerException that names the file and the reason.</summary>
public sealed class LedgerFaultTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_full_disk_when_the_header_is_written_is_a_ledger_error_naming_the_file_and_the_reason()
    {
        var path = _folder.File("new.csv");
        using (FullDiskStream.At(path, room: 0))
        {
            var e = Assert.Throws<LedgerException>(() => Open(path));

            Assert.Equal(path, e.Path);
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Contains("could not be written: " + FullDiskStream.Reason, e.Message, StringComparison.Ordinal);
            Assert.IsType<IOException>(e.InnerException);
        }

        // Nothing but an empty file is left, and the next run (disk freed) makes it a ledger.
        Assert.Empty(File.ReadAllBytes(path));
        using (var ledger = Open(path))
        {
            Assert.Equal(0, ledger.RowCount);
        }
    }

    [Fact]
    public void A_full_disk_in_the_middle_of_an_append_leaves_whole_rows_and_closing_does_not_throw()
    {
        var path = _folder.File("ledger.csv");
        var records = Sorted(new Random(4), instants: 20);
        BuildInOneAppend(path, records.Take(5).ToList());
        var before = File.ReadAllBytes(path);
        var more = records.Skip(5).ToList();

        using (FullDiskStream.At(path, room: 30))
        {
            var ledger = Open(path);
            var e = Assert.Throws<LedgerException>(() => ledger.Append(more));
            Assert.Contains(FullDiskStream.Reason, e.Message, StringComparison.Ordinal);
            ledger.Dispose();
        }

        // The run that follows cuts the torn part off and completes the ledger exactly.
        using (var ledger = Open(path))
        {
            Assert.True(ledger.RepairedTornLine);
            ledger.Append(records.Where(r => r.InterestAccruedTime >= ledger.LastInstant!.Value).ToList());
        }

        Assert.Equal(before, File.ReadAllBytes(path).Take(before.Length));
        Assert.Equal(ExpectedBytes(records), File.ReadAllBytes(path));
    }

    [Fact]
    public void Access_denied_when_reading_says_reading_not_writing()
    {
        var path = _folder.File("ledger.csv");
        BuildInOneAppend(path, Sorted(new Random(5), instants: 2));
        using (new Interception(path, _ => throw new UnauthorizedAccessException("Access to the path is denied.")))
        {
            var e = Assert.Throws<LedgerException>(() => LedgerReader.Read(path).ToList());
            Assert.Contains("cannot be opened for reading: access is denied", e.Message, StringComparison.Ordinal);

            var writing = Assert.Throws<LedgerException>(() => Open(path));
            Assert.Contains("cannot be opened for writing: access is denied", writing.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Opening_unchanged_changes_no_byte_until_repaired()
    {
        var path = _folder.File("ledger.csv");
        var records = Sorted(new Random(6), instants: 4);
        var torn = ExpectedBytes(records).Concat(Utf8.GetBytes("2024-03-0")).ToArray();
        File.WriteAllBytes(path, torn);

        using (var ledger = LedgerFile.OpenUnchanged(path, TimeSpan.FromSeconds(5), default)!)
        {
            Assert.True(ledger.RepairedTornLine);
            Assert.Equal(records.Count, ledger.RowCount);
            Assert.Throws<InvalidOperationException>(() => ledger.Append(records));
        }

        Assert.Equal(torn, File.ReadAllBytes(path));
        using (var ledger = LedgerFile.OpenUnchanged(path, TimeSpan.FromSeconds(5), default)!)
        {
            ledger.Repair();
            ledger.Repair();
        }

        Assert.Equal(ExpectedBytes(records), File.ReadAllBytes(path));

        Assert.Null(LedgerFile.OpenUnchanged(_folder.File("none.csv"), TimeSpan.FromSeconds(5), default));
        Assert.False(File.Exists(_folder.File("none.csv")));
    }
}
