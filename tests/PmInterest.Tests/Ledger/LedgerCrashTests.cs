using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PmInterest.Ledger;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Ledger;

/// <summary>
/// Runs killed mid-write: whatever prefix of the file a kill leaves, the next open repairs it
/// and a resumed run (fetching again from the last instant, as Export does) ends with the
/// bytes an uninterrupted run writes.
/// </summary>
public sealed class LedgerCrashTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_torn_last_line_that_does_not_parse_is_cut_and_reported()
    {
        var records = Sorted(new Random(1), instants: 4);
        var whole = ExpectedBytes(records);
        var path = _folder.File("ledger.csv");
        File.WriteAllBytes(path, whole.Concat(Utf8.GetBytes("2024-03-01T01:00:0")).ToArray());

        using (var ledger = Open(path))
        {
            Assert.True(ledger.RepairedTornLine);
            Assert.Equal(records.Count, ledger.RowCount);
        }

        Assert.Equal(whole, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_torn_last_line_that_parses_is_cut_too_because_its_LF_is_missing()
    {
        var records = Sorted(new Random(2), instants: 4);
        var path = _folder.File("ledger.csv");
        var whole = ExpectedBytes(records);
        File.WriteAllBytes(path, whole.Take(whole.Length - 1).ToArray());
        var withoutLast = ExpectedBytes(records.Take(records.Count - 1));

        using (var ledger = Open(path))
        {
            Assert.True(ledger.RepairedTornLine);
            Assert.Equal(records.Count - 1, ledger.RowCount);
        }

        Assert.Equal(withoutLast, File.ReadAllBytes(path));
    }

    [Fact]
    public void A_kill_at_any_byte_leaves_a_file_that_the_next_run_completes_exactly()
    {
        var records = Sorted(new Random(3), instants: 6, maxTie: 3);
        var whole = ExpectedBytes(records);
        var path = _folder.File("ledger.csv");
        for (var cut = 0; cut <= whole.Length; cut++)
        {
            File.WriteAllBytes(path, whole.Take(cut).ToArray());
            using (var ledger = Open(path))
            {
                var torn = cut > 0 && whole[cut - 1] != (byte)'\n';
                Assert.Equal(torn, ledger.RepairedTornLine);
                ledger.Append(Resume(records, ledger));
            }

            Assert.True(whole.SequenceEqual(File.ReadAllBytes(path)), "killed after byte " + cut);
        }
    }

    [Fact]
    public void A_crash_between_cutting_a_block_and_writing_it_again_leaves_a_valid_ledger_that_resumes_exactly()
    {
        var early = R("2024-03-01T00:00:00.000Z", "BTC", "1");
        var btc = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var eth = R("2024-03-01T01:00:00.000Z", "ETH", "3");
        var ada = R("2024-03-01T01:00:00.000Z", "ADA", "4");
        var all = new[] { early, ada, btc, eth };
        var path = _folder.File("ledger.csv");
        BuildInOneAppend(path, new[] { early, btc, eth });
        using (var ledger = Open(path))
        {
            // A resumed run: the last instant again, with a record that sorts before its rows.
            ledger.AfterBlockTruncated = () => throw new SimulatedCrashException();

            Assert.Throws<SimulatedCrashException>(() => ledger.Append(new[] { ada, btc, eth }));

            // The object knows it is half way and refuses to go on.
            Assert.Throws<LedgerException>(() => ledger.Append(new[] { ada, btc, eth }));
        }

        Assert.Equal(ExpectedBytes(new[] { early }), File.ReadAllBytes(path));
        using (var ledger = Open(path))
        {
            Assert.False(ledger.RepairedTornLine);
            Assert.Equal(early.InterestAccruedTime, ledger.LastInstant);
            ledger.Append(Resume(all, ledger));
        }

        Assert.Equal(ExpectedBytes(all), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_crash_while_rewriting_the_only_block_leaves_just_the_header()
    {
        var btc = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var ada = R("2024-03-01T01:00:00.000Z", "ADA", "4");
        var path = _folder.File("ledger.csv");
        BuildInOneAppend(path, new[] { btc });
        using (var ledger = Open(path))
        {
            ledger.AfterBlockTruncated = () => throw new SimulatedCrashException();
            Assert.Throws<SimulatedCrashException>(() => ledger.Append(new[] { ada, btc }));
        }

        using (var ledger = Open(path))
        {
            Assert.Equal(0, ledger.RowCount);
            ledger.Append(new[] { ada, btc });
        }

        Assert.Equal(ExpectedBytes(new[] { ada, btc }), File.ReadAllBytes(path));
    }

    /// <summary>What Export fetches when it resumes: every record from the ledger's last instant on.</summary>
    private static List<NegativeBalanceInterest> Resume(IEnumerable<NegativeBalanceInterest> all, LedgerFile ledger) =>
        all.Where(r => ledger.LastInstant is null || r.InterestAccruedTime >= ledger.LastInstant).ToList();

    private sealed class SimulatedCrashException : Exception
    {
    }
}
