using System;
using System.IO;
using PmInterest.Ledger;
using PmInterest.Tests.Commands;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Ledger;

/// <summary>
/// The ledger's bytes do not depend on the machine's time zone. The zone is process-wide, so
/// these run alone (with the other tests that change the process environment).
/// </summary>
[Collection(ProcessEnvironment.Name)]
public sealed class LedgerTimeZoneTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Pacific/Chatham")]
    public void A_ledger_written_and_read_in_another_time_zone_has_the_same_bytes_and_instants(string zone)
    {
        var records = Sorted(new Random(5), instants: 30);
        var utcBytes = ExpectedBytes(records);
        var saved = Environment.GetEnvironmentVariable("TZ");
        try
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
            Assert.NotEqual(TimeSpan.Zero, TimeZoneInfo.Local.BaseUtcOffset);

            var path = _folder.File(zone.Replace('/', '-') + ".csv");
            Assert.Equal(utcBytes, BuildInOneAppend(path, records));
            Assert.Equal(records, LedgerReader.Read(path));
            using var ledger = Open(path);
            Assert.Equal(records[^1].InterestAccruedTime, ledger.LastInstant);
            Assert.Equal(Watermark.Format(records[^1].AccruedMs), Watermark.Format(ledger.LastInstant!.Value));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", saved);
            TimeZoneInfo.ClearCachedData();
        }
    }
}
