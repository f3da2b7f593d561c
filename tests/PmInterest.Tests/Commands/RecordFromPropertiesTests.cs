using System;
using System.Management.Automation;
using PmInterest.Commands;
using Xunit;

namespace PmInterest.Tests.Commands;

/// <summary>An object's properties become a record only when every field is exact and unambiguous.</summary>
public sealed class RecordFromPropertiesTests
{
    [Fact]
    public void The_text_of_a_ledger_row_becomes_the_record_it_holds()
    {
        var row = Row("2025-01-31T15:00:00.000Z", "USDT", "24.4440", "0.00011640", "210000");

        Assert.True(RecordFromProperties.TryConvert(row, out var record, out var problem), problem);

        Assert.Equal("USDT", record!.Asset);
        Assert.Equal("24.4440", record.Interest.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2025, 1, 31, 15, 0, 0, DateTimeKind.Utc), record.InterestAccruedTime);
        Assert.Equal(DateTimeKind.Utc, record.InterestAccruedTime.Kind);
    }

    [Fact]
    public void Typed_values_with_an_instant_are_taken_as_they_are()
    {
        var utc = new DateTime(2025, 1, 31, 15, 0, 0, DateTimeKind.Utc);
        foreach (object time in new object[] { utc, utc.ToLocalTime(), new DateTimeOffset(utc).ToOffset(TimeSpan.FromHours(5)) })
        {
            var row = Row(time, "BTC", 0.00000811m, 0.0003052m, 0.02657412m);
            Assert.True(RecordFromProperties.TryConvert(row, out var record, out var problem), problem);
            Assert.Equal(utc, record!.InterestAccruedTime);
        }
    }

    [Theory]
    [InlineData("1/31/2025 3:00:00 PM", "USDT", "24.4440", "InterestAccruedTime '1/31/2025 3:00:00 PM'")]
    [InlineData("2025-01-31T15:00:00.000Z", "USDT", "24,4440", "Interest '24,4440'")]
    [InlineData("2025-01-31T15:00:00.000Z", "USDT", "2.4444E+1", "Interest '2.4444E+1'")]
    [InlineData("2025-01-31T15:00:00.000Z", "usdt", "24.4440", "Asset 'usdt'")]
    [InlineData("2025-01-31T15:00:00.000Z", "USDT", "", "Interest ''")]
    public void Text_that_is_not_in_the_ledgers_form_is_refused_with_the_field(string time, string asset, string interest, string problemPart)
    {
        Assert.False(RecordFromProperties.TryConvert(Row(time, asset, interest, "0.0001", "100"), out _, out var problem));
        Assert.Contains(problemPart, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_time_without_a_kind_a_double_or_a_missing_property_is_refused()
    {
        Assert.False(RecordFromProperties.TryConvert(Row(new DateTime(2025, 1, 1), "BTC", 1m, 1m, 1m), out _, out var unspecified));
        Assert.Contains("unspecified kind", unspecified, StringComparison.Ordinal);
        Assert.False(RecordFromProperties.TryConvert(Row("2025-01-31T15:00:00.000Z", "BTC", 0.1d, 1m, 1m), out _, out var inexact));
        Assert.Contains("System.Double", inexact, StringComparison.Ordinal);
        Assert.False(RecordFromProperties.TryConvert(new PSObject("text"), out _, out var missing));
        Assert.Contains("no InterestAccruedTime property", missing, StringComparison.Ordinal);
    }

    private static PSObject Row(object time, object asset, object interest, object rate, object principal)
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("InterestAccruedTime", time));
        row.Properties.Add(new PSNoteProperty("Asset", asset));
        row.Properties.Add(new PSNoteProperty("Interest", interest));
        row.Properties.Add(new PSNoteProperty("InterestRate", rate));
        row.Properties.Add(new PSNoteProperty("Principal", principal));
        return row;
    }
}
