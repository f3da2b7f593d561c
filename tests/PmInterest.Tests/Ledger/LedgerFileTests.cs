using System;
using System.IO;
using System.Linq;
using PmInterest.Ledger;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Ledger;

public sealed class LedgerFileTests : IDisposable
{
    private const string H = LedgerFormat.Header + "\n";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_known_set_of_records_gives_exactly_these_bytes()
    {
        var path = _folder.File("ledger.csv");
        using (new CultureScope("de-DE"))
        using (var ledger = Open(path))
        {
            ledger.Append(new[]
            {
                R("2024-03-01T00:00:00.000Z", "BTC", "0.00061214", "0.00010000", "146.92"),
                R("2024-03-01T00:00:00.000Z", "USDT", "24.4440", "0.000245", "2400000"),
                R("2024-03-01T01:00:00.000Z", "ETH", "0.10", "0.0002", "12"),
            });
        }

        var expected = "InterestAccruedTime,Asset,Interest,InterestRate,Principal\n" +
                       "2024-03-01T00:00:00.000Z,BTC,0.00061214,0.00010000,146.92\n" +
                       "2024-03-01T00:00:00.000Z,USDT,24.4440,0.000245,2400000\n" +
                       "2024-03-01T01:00:00.000Z,ETH,0.10,0.0002,12\n";
        Assert.Equal(Utf8.GetBytes(expected), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_missing_file_becomes_a_ledger_with_just_the_header()
    {
        var path = _folder.File("new.csv");
        using (var ledger = Open(path))
        {
            Assert.Equal(0, ledger.RowCount);
            Assert.Null(ledger.LastInstant);
            Assert.Empty(ledger.RowsAtLastInstant);
            Assert.False(ledger.RepairedTornLine);
        }

        Assert.Equal(Utf8.GetBytes(H), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("I")]
    [InlineData("InterestAccruedTime,Asset,Inter")]
    [InlineData(LedgerFormat.Header)]
    public void An_empty_file_or_a_torn_header_becomes_a_ledger_with_just_the_header(string content)
    {
        var path = _folder.File("ledger.csv");
        File.WriteAllText(path, content);

        using (var ledger = Open(path))
        {
            Assert.Equal(0, ledger.RowCount);
            Assert.Equal(content.Length > 0, ledger.RepairedTornLine);
        }

        Assert.Equal(Utf8.GetBytes(H), File.ReadAllBytes(path));
    }

    [Fact]
    public void Reopening_reports_the_rows_and_the_last_instant()
    {
        var path = _folder.File("ledger.csv");
        var records = new[]
        {
            R("2024-03-01T00:00:00.000Z", "BTC", "1"),
            R("2024-03-01T01:00:00.000Z", "BTC", "2"),
            R("2024-03-01T01:00:00.000Z", "ETH", "3"),
        };
        BuildInOneAppend(path, records);

        using var ledger = Open(path);
        Assert.Equal(3, ledger.RowCount);
        Assert.Equal(new DateTime(2024, 3, 1, 1, 0, 0, DateTimeKind.Utc), ledger.LastInstant);
        Assert.Equal(DateTimeKind.Utc, ledger.LastInstant!.Value.Kind);
        Assert.Equal(records.Skip(1), ledger.RowsAtLastInstant);
        Assert.Equal(path, ledger.FullPath);
    }

    [Fact]
    public void Appending_in_batches_gives_the_bytes_of_one_append()
    {
        var records = Sorted(new Random(7), instants: 60);
        var expected = BuildInOneAppend(_folder.File("one.csv"), records);
        var path = _folder.File("batches.csv");
        using (var ledger = Open(path))
        {
            for (var from = 0; from < records.Count; from += 7)
            {
                ledger.Append(records.Skip(from).Take(7).ToList());
            }
        }

        Assert.Equal(ExpectedBytes(records), expected);
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    [Fact]
    public void Runs_that_each_resume_at_the_last_instant_give_the_bytes_of_one_append()
    {
        var records = Sorted(new Random(8), instants: 60);
        var path = _folder.File("runs.csv");
        var end = 0;
        while (end < records.Count)
        {
            using var ledger = Open(path);
            var from = ledger.LastInstant is { } last ? records.FindIndex(r => r.InterestAccruedTime == last) : 0;
            end = Math.Min(records.Count, end + 7);
            ledger.Append(records.GetRange(from, end - from));
        }

        Assert.Equal(ExpectedBytes(records), File.ReadAllBytes(path));
    }

    [Fact]
    public void Resuming_at_a_tie_skips_what_the_file_holds_and_rewrites_the_block_for_rows_that_sort_before()
    {
        var path = _folder.File("ledger.csv");
        var before = R("2024-03-01T00:00:00.000Z", "ADA", "1");
        var btc = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var eth = R("2024-03-01T01:00:00.000Z", "ETH", "3");
        var ada = R("2024-03-01T01:00:00.000Z", "ADA", "4");
        var usdt = R("2024-03-01T01:00:00.000Z", "USDT", "5");
        var later = R("2024-03-01T02:00:00.000Z", "BTC", "6");
        using (var ledger = Open(path))
        {
            ledger.Append(new[] { before, btc, eth });
        }

        using (var ledger = Open(path))
        {
            // The run resumes at the last instant: it gets that instant again, with two
            // records published since, one sorting before the file's rows and one after.
            var added = ledger.Append(new[] { ada, btc, eth, usdt, later });

            Assert.Equal(new[] { ada, usdt, later }, added);
            Assert.Equal(6, ledger.RowCount);
            Assert.Equal(new[] { later }, ledger.RowsAtLastInstant);
        }

        Assert.Equal(ExpectedBytes(new[] { before, ada, btc, eth, usdt, later }), File.ReadAllBytes(path));
    }

    [Fact]
    public void New_rows_at_the_last_instant_that_sort_after_are_appended_and_the_state_follows()
    {
        var path = _folder.File("ledger.csv");
        var btc = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var ada = R("2024-03-01T01:00:00.000Z", "ADA", "1");
        var eth = R("2024-03-01T01:00:00.000Z", "ETH", "3");
        using (var ledger = Open(path))
        {
            ledger.Append(new[] { btc });
        }

        using (var ledger = Open(path))
        {
            Assert.Equal(new[] { eth }, ledger.Append(new[] { btc, eth }));
        }

        using (var ledger = Open(path))
        {
            Assert.Equal(new[] { ada }, ledger.Append(new[] { ada, btc, eth }));
            Assert.Equal(new[] { ada, btc, eth }, ledger.RowsAtLastInstant);
            Assert.Equal(3, ledger.RowCount);
        }

        using (var ledger = Open(path))
        {
            Assert.Empty(ledger.Append(new[] { ada, btc, eth }));
        }

        Assert.Equal(ExpectedBytes(new[] { ada, btc, eth }), File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("2.5")]
    public void A_second_record_for_an_asset_and_instant_in_one_batch_is_refused_and_nothing_written(string otherInterest)
    {
        var path = _folder.File("ledger.csv");
        var a = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var second = R("2024-03-01T01:00:00.000Z", "BTC", otherInterest);
        using (var ledger = Open(path))
        {
            var e = Assert.Throws<LedgerKeyConflictException>(() => ledger.Append(new[] { R("2024-03-01T00:00:00.000Z", "ETH", "1"), a, second }));

            Assert.False(e.HeldBeforeThisRun);
            Assert.Equal(a, e.Held);
            Assert.Equal(second, e.Incoming);
            Assert.Contains("BTC", e.Message, StringComparison.Ordinal);
            Assert.Contains("2024-03-01T01:00:00.000Z", e.Message, StringComparison.Ordinal);
            Assert.Equal(0, ledger.RowCount);
        }

        Assert.Equal(Utf8.GetBytes(H), File.ReadAllBytes(path));

        // The refusal wrote nothing and left the ledger usable.
        using (var ledger = Open(path))
        {
            Assert.Single(ledger.Append(new[] { a }));
        }
    }

    [Fact]
    public void A_record_that_repeats_one_this_run_appended_is_refused_across_batches()
    {
        // The next page of one run is not a refetch: only what the file held when it was
        // opened is matched, so a record repeated on the next page is a second row for its key.
        var path = _folder.File("ledger.csv");
        var a = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var twin = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var b = R("2024-03-01T01:00:00.000Z", "ETH", "2");
        using (var ledger = Open(path))
        {
            Assert.Single(ledger.Append(new[] { a }));
            var e = Assert.Throws<LedgerKeyConflictException>(() => ledger.Append(new[] { twin, b }));
            Assert.False(e.HeldBeforeThisRun);
            Assert.Equal(new[] { b }, ledger.Append(new[] { b }));
        }

        Assert.Equal(ExpectedBytes(new[] { a, b }), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_refetched_row_is_matched_once_and_other_amounts_for_it_conflict_with_the_file()
    {
        var path = _folder.File("ledger.csv");
        var a = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var changed = R("2024-03-01T01:00:00.000Z", "BTC", "2.01");
        BuildInOneAppend(path, new[] { a });
        var bytes = File.ReadAllBytes(path);

        using (var ledger = Open(path))
        {
            var e = Assert.Throws<LedgerKeyConflictException>(() => ledger.Append(new[] { changed }));
            Assert.True(e.HeldBeforeThisRun);
            Assert.Equal(a, e.Held);
            Assert.Contains("the ledger holds", e.Message, StringComparison.Ordinal);

            // The refetch is matched once; a second copy of it in the same run is one too many.
            Assert.Empty(ledger.Append(new[] { a }));
            Assert.True(Assert.Throws<LedgerKeyConflictException>(() => ledger.Append(new[] { a })).HeldBeforeThisRun);
        }

        Assert.Equal(bytes, File.ReadAllBytes(path));
    }

    [Fact]
    public void The_refetched_overlap_is_matched_across_the_pages_of_one_run()
    {
        var path = _folder.File("ledger.csv");
        var a = R("2024-03-01T01:00:00.000Z", "ADA", "1");
        var b = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var c = R("2024-03-01T01:00:00.000Z", "ETH", "3");
        var later = R("2024-03-01T02:00:00.000Z", "ETH", "3");
        BuildInOneAppend(path, new[] { a, c });

        using (var ledger = Open(path))
        {
            Assert.Empty(ledger.Append(new[] { a }));
            Assert.Equal(new[] { b }, ledger.Append(new[] { b, c }));
            Assert.Equal(new[] { later }, ledger.Append(new[] { later }));
        }

        Assert.Equal(ExpectedBytes(new[] { a, b, c, later }), File.ReadAllBytes(path));
    }

    [Fact]
    public void A_batch_out_of_order_or_older_than_the_last_instant_is_refused_and_nothing_written()
    {
        var path = _folder.File("ledger.csv");
        BuildInOneAppend(path, new[] { R("2024-03-01T01:00:00.000Z", "BTC", "2") });
        var bytes = File.ReadAllBytes(path);
        var ledger = Open(path);

        Assert.Throws<LedgerOrderException>(() => ledger.Append(new[] { R("2024-03-01T02:00:00.000Z", "BTC", "2"), R("2024-03-01T03:00:00.000Z", "ETH", "2"), R("2024-03-01T02:30:00.000Z", "BTC", "2") }));
        Assert.Throws<LedgerOrderException>(() => ledger.Append(new[] { R("2024-03-01T02:00:00.000Z", "ETH", "2"), R("2024-03-01T02:00:00.000Z", "BTC", "2") }));
        var older = Assert.Throws<LedgerOrderException>(() => ledger.Append(new[] { R("2024-03-01T00:59:59.999Z", "BTC", "2") }));
        Assert.Contains("2024-03-01T01:00:00.000Z", older.Message, StringComparison.Ordinal);

        // The refusals wrote nothing and left the ledger usable.
        Assert.Equal(1, ledger.RowCount);
        Assert.Single(ledger.Append(new[] { R("2024-03-01T02:00:00.000Z", "BTC", "2") }));
        ledger.Dispose();
        Assert.Equal(bytes, File.ReadAllBytes(path).Take(bytes.Length));
        Assert.Equal(3, File.ReadAllLines(path).Length);
    }

    [Fact]
    public void A_record_the_ledger_cannot_hold_refuses_the_whole_batch()
    {
        var path = _folder.File("ledger.csv");
        var ledger = Open(path);
        var ok = R("2024-03-01T01:00:00.000Z", "BTC", "2");
        var bad = new NegativeBalanceInterest("US,DT", 1m, 1m, 1m, ok.InterestAccruedTime.AddHours(1));

        var e = Assert.Throws<LedgerException>(() => ledger.Append(new[] { ok, bad }));
        Assert.Contains("US,DT", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, ledger.RowCount);
        ledger.Dispose();
        Assert.Equal(Utf8.GetBytes(H), File.ReadAllBytes(path));
    }

    [Fact]
    public void Append_after_dispose_is_refused()
    {
        var ledger = Open(_folder.File("ledger.csv"));
        ledger.Dispose();
        ledger.Dispose();

        Assert.Throws<ObjectDisposedException>(() => ledger.Append(new[] { R("2024-03-01T01:00:00.000Z", "BTC", "2") }));
    }
}
