using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using FsCheck;
using FsCheck.Xunit;
using PmInterest.Interest;
using PmInterest.Ledger;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;
using PmInterest.Paging;

namespace PmInterest.Tests.Ledger;

/// <summary>A ledger built any which way holds the bytes of one append of everything.</summary>
public sealed class LedgerProperties
{
    [Property(MaxTest = 60)]
    public void Any_split_into_appended_batches_gives_the_bytes_of_one_append(int seed, PositiveInt runs)
    {
        var random = new Random(seed);
        var records = Sorted(random, instants: random.Next(0, 30));
        using var folder = new TempFolder();
        var expected = BuildInOneAppend(folder.File("one.csv"), records);
        var path = folder.File("split.csv");
        var cuts = RandomCuts(random, records.Count, 1 + (runs.Get % 8));

        // Batches of one run follow each other; after a reopen, the next batch starts again at
        // the ledger's last instant, as a resumed run does.
        var ledger = Open(path);
        for (var i = 1; i < cuts.Count; i++)
        {
            var from = cuts[i - 1];
            if (ledger.RowCount == 0 || i == 1 || random.Next(2) == 0)
            {
                ledger.Dispose();
                ledger = Open(path);
                from = ledger.LastInstant is { } last ? records.FindIndex(r => r.InterestAccruedTime == last) : 0;
            }

            ledger.Append(records.GetRange(from, cuts[i] - from));
        }

        ledger.Dispose();
        Assert.Equal(ExpectedBytes(records), expected);
        Assert.Equal(expected, File.ReadAllBytes(path));
    }

    /// <summary>
    /// Runs as Export makes them: each fetches again from the ledger's last instant to its own
    /// end, in pages, and at its end instant sees only some records (late publication, or a
    /// tie split by asset), so later runs bring rows that sort before rows already written.
    /// </summary>
    [Property(MaxTest = 60)]
    public void Resumed_runs_that_see_part_of_their_last_instant_give_the_bytes_of_one_append(int seed, PositiveInt runs)
    {
        var random = new Random(seed);
        var records = Sorted(random, instants: random.Next(0, 25), maxTie: 6);
        using var folder = new TempFolder();
        var path = folder.File("runs.csv");
        var instants = records.Select(r => r.AccruedMs).Distinct().ToList();
        var ends = Enumerable.Range(0, 1 + (runs.Get % 6)).Select(_ => instants.Count == 0 ? 0 : instants[random.Next(instants.Count)]).OrderBy(t => t).ToList();
        ends.Add(long.MaxValue);

        foreach (var end in ends)
        {
            using var ledger = Open(path);
            var from = ledger.LastInstant is { } last ? new DateTimeOffset(last).ToUnixTimeMilliseconds() : long.MinValue;
            var visible = records
                .Where(r => r.AccruedMs >= from && (r.AccruedMs < end || (r.AccruedMs == end && random.Next(2) == 0)))
                .ToList();
            for (var page = 0; page < visible.Count; page += 4)
            {
                ledger.Append(visible.Skip(page).Take(4).ToList());
            }
        }

        Assert.Equal(ExpectedBytes(records), File.ReadAllBytes(path));
        Assert.Equal(records, LedgerReader.Read(path));
    }

    private static List<int> RandomCuts(Random random, int count, int batches)
    {
        var cuts = Enumerable.Range(0, batches - 1).Select(_ => random.Next(count + 1)).Append(0).Append(count).ToList();
        cuts.Sort();
        return cuts;
    }
}
