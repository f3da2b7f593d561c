using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using PmInterest.Ledger;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Ledger;

public sealed class LedgerReaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("en-US")]
    public void A_ledger_reads_back_as_the_records_written_in_any_culture(string culture)
    {
        var records = Sorted(new Random(11), instants: 40);
        var path = _folder.File("ledger.csv");
        BuildInOneAppend(path, records);

        using var scope = new CultureScope(culture);
        var read = LedgerReader.Read(path).ToList();

        Assert.Equal(records, read);
        Assert.Equal(records.Select(r => r.Interest.ToString(System.Globalization.CultureInfo.InvariantCulture)), read.Select(r => r.Interest.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(read, r => Assert.Equal(DateTimeKind.Utc, r.InterestAccruedTime.Kind));
    }

    [Fact]
    public void Reading_streams_and_reports_a_fault_only_when_it_gets_there()
    {
        var path = _folder.File("ledger.csv");
        File.WriteAllText(path, LedgerFormat.Header + "\n" +
            "2024-03-01T00:00:00.000Z,BTC,0.1,0.0001,1000\n" +
            "2024-03-01T01:00:00.000Z,BTC,0.2,0.0001,2000\n" +
            "2024-03-01T00:30:00.000Z,BTC,0.3,0.0001,3000\n");
        var seen = new List<NegativeBalanceInterest>();

        var e = Assert.Throws<LedgerFormatException>(() =>
        {
            foreach (var record in LedgerReader.Read(path))
            {
                seen.Add(record);
            }
        });

        Assert.Equal(2, seen.Count);
        Assert.Equal(4, e.LineNumber);
    }

    [Fact]
    public void A_torn_last_line_is_left_out_reported_and_not_repaired()
    {
        var records = Sorted(new Random(12), instants: 3);
        var path = _folder.File("ledger.csv");
        var content = ExpectedBytes(records).Concat(Utf8.GetBytes("2024-03-01T01:00")).ToArray();
        File.WriteAllBytes(path, content);
        long? tornLine = null;

        var read = LedgerReader.Read(path, line => tornLine = line).ToList();

        Assert.Equal(records, read);
        Assert.Equal(records.Count + 2, tornLine);
        Assert.Equal(content, File.ReadAllBytes(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("InterestAccruedTime,As")]
    [InlineData(LedgerFormat.Header + "\n")]
    public void An_empty_ledger_reads_as_no_records(string content)
    {
        var path = _folder.File("ledger.csv");
        File.WriteAllText(path, content);

        Assert.Empty(LedgerReader.Read(path));
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var e = Assert.Throws<LedgerException>(() => LedgerReader.Read(_folder.File("none.csv")).ToList());

        Assert.Contains("There is no ledger", e.Message, StringComparison.Ordinal);
    }
}
