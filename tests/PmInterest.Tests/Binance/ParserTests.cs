using System;
using System.Globalization;
using System.Threading;
using PmInterest.Interest;
using Xunit;

namespace PmInterest.Tests.Binance;

public sealed class ParserTests
{
    [Fact]
    public void Reads_the_documented_example_with_scale_kept()
    {
        var records = InterestHistoryParser.Parse(
            "[{\"asset\":\"USDT\",\"interest\":\"24.4440\",\"interestAccruedTime\":1670227200000,\"interestRate\":\"0.0001164\",\"principal\":\"210000\"}]");

        var r = Assert.Single(records);
        Assert.Equal("USDT", r.Asset);
        Assert.Equal("24.4440", r.Interest.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.0001164", r.InterestRate.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("210000", r.Principal.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(new DateTime(2022, 12, 5, 8, 0, 0, DateTimeKind.Utc), r.InterestAccruedTime);
        Assert.Equal(DateTimeKind.Utc, r.InterestAccruedTime.Kind);
    }

    [Fact]
    public void Keeps_twelve_integer_digits_and_eight_decimals_exactly()
    {
        var r = Assert.Single(InterestHistoryParser.Parse(
            "[ {\"interest\" : \"123456789012.12345678\", \"asset\":\"BTC\", \"principal\":\"999999999999.99999999\", \"interestRate\":\"0.00000001\", \"interestAccruedTime\":1} ]"));

        Assert.Equal(123456789012.12345678m, r.Interest);
        Assert.Equal("999999999999.99999999", r.Principal.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.00000001", r.InterestRate.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Parses_the_same_in_every_culture(string culture)
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo(culture);
            var r = Assert.Single(InterestHistoryParser.Parse("[{\"asset\":\"ETH\",\"interest\":\"1.50\",\"interestAccruedTime\":0,\"interestRate\":\"0.1\",\"principal\":\"1000.5\"}]"));
            Assert.Equal(1.50m, r.Interest);
            Assert.Equal("1.50", r.Interest.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(1000.5m, r.Principal);
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Accepts_numbers_and_unknown_fields_and_escapes()
    {
        var r = Assert.Single(InterestHistoryParser.Parse(
            "[{\"asset\":\"U\\u0053DT\",\"interest\":2.5E-3,\"interestAccruedTime\":5,\"interestRate\":0.1,\"principal\":10,\"extra\":{\"a\":[1,2,null,true]}}]"));

        Assert.Equal("USDT", r.Asset);
        Assert.Equal(0.0025m, r.Interest);
    }

    [Fact]
    public void Reads_the_last_instant_a_datetime_holds()
    {
        var r = Assert.Single(InterestHistoryParser.Parse(
            "[{\"asset\":\"BTC\",\"interest\":\"1\",\"interestAccruedTime\":253402300799999,\"interestRate\":\"1\",\"principal\":\"1\"}]"));

        Assert.Equal(DateTime.MaxValue.Ticks - (DateTime.MaxValue.Ticks % TimeSpan.TicksPerMillisecond), r.InterestAccruedTime.Ticks);
    }

    [Fact]
    public void Reads_an_empty_page()
    {
        Assert.Empty(InterestHistoryParser.Parse(" [ ] "));
    }

    [Theory]
    [InlineData("{\"code\":-1022,\"msg\":\"x\"}")]
    [InlineData("<html>502</html>")]
    [InlineData("[{\"asset\":\"USDT\"}]")]
    [InlineData("[{\"asset\":\"USDT\",\"interest\":\"abc\",\"interestAccruedTime\":1,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("[{\"asset\":\"USDT\",\"interest\":\"1\",\"interestAccruedTime\":1,\"interestRate\":\"1\",\"principal\":\"1\"}")]
    [InlineData("[{\"asset\":\"USDT\",\"interest\":\"1\",\"interestAccruedTime\":100000000000000000,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("[{\"asset\":\"USDT\",\"interest\":\"1\",\"interestAccruedTime\":253402300800000,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("[{\"asset\":\"USDT\",\"interest\":\"1\",\"interestAccruedTime\":-1,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("[{\"asset\":\"US DT\",\"interest\":\"1\",\"interestAccruedTime\":1,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("[{\"asset\":\"usdt\",\"interest\":\"1\",\"interestAccruedTime\":1,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("[{\"asset\":\"ABCDEFGHIJKLMNOPQRSTU\",\"interest\":\"1\",\"interestAccruedTime\":1,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("[{\"asset\":\"A,B\",\"interest\":\"1\",\"interestAccruedTime\":1,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    public void Refuses_anything_that_is_not_a_list_of_records(string json)
    {
        Assert.Throws<FormatException>(() => InterestHistoryParser.Parse(json));
    }

    private const string Good = "\"asset\":\"USDT\",\"interest\":\"1.5\",\"interestAccruedTime\":1735689600000,\"interestRate\":\"0.0001\",\"principal\":\"10\"";

    [Theory]
    [InlineData("a known field twice", "[{" + Good + ",\"interest\":\"2\"}]")]
    [InlineData("an unknown field twice", "[{" + Good + ",\"x\":1,\"x\":2}]")]
    [InlineData("text after the array", "[{" + Good + "}] []")]
    [InlineData("a second array", "[{" + Good + "}][]")]
    [InlineData("29 decimals", "[{\"asset\":\"USDT\",\"interest\":\"0.12345678901234567890123456789\",\"interestAccruedTime\":1,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("a time of ' +T '", "[{\"asset\":\"USDT\",\"interest\":\"1\",\"interestAccruedTime\":\" +T \",\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("a time as a string", "[{\"asset\":\"USDT\",\"interest\":\"1\",\"interestAccruedTime\":\"1735689600000\",\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("a time with a sign", "[{\"asset\":\"USDT\",\"interest\":\"1\",\"interestAccruedTime\":+1,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    [InlineData("a fractional time", "[{\"asset\":\"USDT\",\"interest\":\"1\",\"interestAccruedTime\":1.5,\"interestRate\":\"1\",\"principal\":\"1\"}]")]
    public void Refuses_what_Binance_never_sends(string what, string json)
    {
        var e = Assert.Throws<FormatException>(() => InterestHistoryParser.Parse(json));
        Assert.False(string.IsNullOrEmpty(e.Message), what);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(100_000)]
    public void Refuses_nesting_deeper_than_Binance_answers_without_recursing(int depth)
    {
        // 100,000 levels once overflowed the stack and ended the process; the bound refuses it as a format error.
        var nested = new string('[', depth) + new string(']', depth);
        Assert.Throws<FormatException>(() => InterestHistoryParser.Parse(nested));
        Assert.Throws<FormatException>(() => InterestHistoryParser.Parse("[{" + Good + ",\"extra\":" + nested + "}]"));
    }

    [Fact]
    public void Takes_negative_amounts_as_sent()
    {
        // Binance sends none; refusing one would make the whole history unreadable for one odd record.
        var r = Assert.Single(InterestHistoryParser.Parse(
            "[{\"asset\":\"USDT\",\"interest\":\"-1.50\",\"interestAccruedTime\":1,\"interestRate\":\"-0.0001\",\"principal\":\"-10\"}]"));
        Assert.Equal("-1.50", r.Interest.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(-0.0001m, r.InterestRate);
        Assert.Equal(-10m, r.Principal);
    }
}
