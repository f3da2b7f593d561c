using System;
using System.Globalization;
using PmInterest.Ledger;
using Xunit;
using static PmInterest.Tests.Ledger.LedgerTestData;

namespace PmInterest.Tests.Ledger;

public sealed class LedgerFormatTests
{
    [Theory]
    [InlineData("24.4440")]
    [InlineData("0")]
    [InlineData("0.0")]
    [InlineData("0.00000000")]
    [InlineData("1")]
    [InlineData("100")]
    [InlineData("-3.50")]
    [InlineData("0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("7922816251426433759354395.0335")]
    [InlineData("1234567.890123456789012345678")]
    public void Amounts_round_trip_exactly_with_their_scale_in_any_culture(string amount)
    {
        foreach (var culture in new[] { "de-DE", "tr-TR", "fr-CH", "ar-SA", "en-US" })
        {
            using var scope = new CultureScope(culture);
            var record = R("2024-02-29T23:59:59.999Z", "BTC", amount, amount, amount);
            var row = LedgerFormat.FormatRow(record);

            Assert.Equal("2024-02-29T23:59:59.999Z,BTC," + amount + "," + amount + "," + amount, row);
            Assert.True(LedgerFormat.TryParseRow(row, out var parsed, out var problem), problem);
            Assert.Equal(record, parsed);
            Assert.Equal(amount, parsed!.Interest.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(DateTimeKind.Utc, parsed.InterestAccruedTime.Kind);
            Assert.Equal(record.InterestAccruedTime, parsed.InterestAccruedTime);
        }
    }

    [Fact]
    public void Asset_codes_keep_their_spelling_under_the_turkish_culture()
    {
        using var scope = new CultureScope("tr-TR");
        var record = R("2024-01-01T00:00:00.000Z", "BIFI", "1.5");

        Assert.True(LedgerFormat.TryParseRow(LedgerFormat.FormatRow(record), out var parsed, out _));
        Assert.Equal("BIFI", parsed!.Asset);
    }

    [Theory]
    [InlineData(0L, "1970-01-01T00:00:00.000Z")]
    [InlineData(1_700_000_000_123L, "2023-11-14T22:13:20.123Z")]
    [InlineData(-1L, "1969-12-31T23:59:59.999Z")]
    [InlineData(253_402_300_799_999L, "9999-12-31T23:59:59.999Z")]
    [InlineData(-62_135_596_800_000L, "0001-01-01T00:00:00.000Z")]
    public void Watermark_has_one_exact_form_both_ways(long ms, string text)
    {
        using var scope = new CultureScope("ar-SA");
        Assert.Equal(text, Watermark.Format(ms));
        Assert.True(Watermark.TryParse(text, out var parsed));
        Assert.Equal(ms, parsed);
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00Z")]
    [InlineData("2024-01-01T00:00:00.000")]
    [InlineData("2024-01-01 00:00:00.000Z")]
    [InlineData("2024-01-01T00:00:00.000+00:00")]
    [InlineData("2024-01-01T00:00:00.0000Z")]
    [InlineData(" 2024-01-01T00:00:00.000Z")]
    [InlineData("2024-01-01T00:00:00.000z")]
    [InlineData("2024-02-30T00:00:00.000Z")]
    [InlineData("2023-02-29T00:00:00.000Z")]
    [InlineData("2024-13-01T00:00:00.000Z")]
    [InlineData("2024-01-01T24:00:00.000Z")]
    [InlineData("2024-01-01T00:60:00.000Z")]
    [InlineData("2024-01-01T00:00:60.000Z")]
    [InlineData("0000-01-01T00:00:00.000Z")]
    [InlineData("2024-01-0١T00:00:00.000Z")]
    [InlineData("1704067200000")]
    [InlineData("")]
    public void Watermark_refuses_every_other_form(string text)
    {
        Assert.False(Watermark.TryParse(text, out _));
    }

    [Fact]
    public void Watermark_refuses_null_and_instants_beyond_year_9999()
    {
        Assert.False(Watermark.TryParse(null, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => Watermark.Format(253_402_300_800_000L));
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.5,0.1", "expected 5 fields")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.5,0.1,2,3", "expected 5 fields")]
    [InlineData("\"2024-01-01T00:00:00.000Z\",BTC,1.5,0.1,2", "InterestAccruedTime")]
    [InlineData("01/01/2024 00:00:00,BTC,1.5,0.1,2", "InterestAccruedTime")]
    [InlineData("2024-01-01T00:00:00.000Z,btc,1.5,0.1,2", "Asset 'btc'")]
    [InlineData("2024-01-01T00:00:00.000Z,,1.5,0.1,2", "Asset ''")]
    [InlineData("2024-01-01T00:00:00.000Z,B TC,1.5,0.1,2", "Asset 'B TC'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1E-5,0.1,2", "Interest '1E-5'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,+1.5,0.1,2", "Interest '+1.5'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,01.5,0.1,2", "Interest '01.5'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,.5,0.1,2", "Interest '.5'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,5.,0.1,2", "Interest '5.'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,-0,0.1,2", "Interest '-0'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.5, 0.1,2", "InterestRate ' 0.1'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.5,0.1,1.234.567", "Principal '1.234.567'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.5,0.1,79228162514264337593543950336", "Principal '79228162514264337593543950336'")]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.5,0.1,1.00000000000000000000000000001", "Principal")]
    public void A_row_is_read_only_in_the_form_it_is_written(string line, string problemPart)
    {
        Assert.False(LedgerFormat.TryParseRow(line, out var record, out var problem));
        Assert.Null(record);
        Assert.Contains(problemPart, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_the_ledger_cannot_hold_is_refused_when_formatted()
    {
        var badAsset = new NegativeBalanceInterest("BT,C", 1m, 1m, 1m, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var subMillisecond = new NegativeBalanceInterest("BTC", 1m, 1m, 1m, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(1));

        Assert.Contains("asset", Assert.Throws<ArgumentException>(() => LedgerFormat.FormatRow(badAsset)).Message, StringComparison.Ordinal);
        Assert.Contains("millisecond", Assert.Throws<ArgumentException>(() => LedgerFormat.FormatRow(subMillisecond)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_foreign_field_is_quoted_short()
    {
        var line = "2024-01-01T00:00:00.000Z,BTC,1.5,0.1," + new string('9', 500) + "x";

        Assert.False(LedgerFormat.TryParseRow(line, out _, out var problem));
        Assert.True(problem!.Length < 300, problem);
    }

    [Theory]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.5,0.1,2", true)]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.50,0.10,2.0", true)]
    [InlineData("2024-01-01 00:00,BTC,1.5,0.1,2", false)]
    [InlineData("2024-01-01T00:00:00.000Z,BTC,1.5,0.1,+2", false)]
    public void Five_fields_read_by_any_CSV_reader_give_what_the_row_gives(string line, bool valid)
    {
        var fields = line.Split(',');

        var rowRead = LedgerFormat.TryParseRow(line, out var fromRow, out var rowProblem);
        var fieldsRead = LedgerFormat.TryParseFields(fields[0], fields[1], fields[2], fields[3], fields[4], out var fromFields, out var fieldsProblem);

        Assert.Equal(valid, rowRead);
        Assert.Equal(rowRead, fieldsRead);
        Assert.Equal(fromRow, fromFields);
        Assert.Equal(rowProblem, fieldsProblem);
    }
}
