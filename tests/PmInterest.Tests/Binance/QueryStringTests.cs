using System.Globalization;
using System.Threading;
using PmInterest.Binance;
using Xunit;

namespace PmInterest.Tests.Binance;

public sealed class QueryStringTests
{
    [Fact]
    public void Keeps_the_order_parameters_were_added_in()
    {
        var q = new QueryString().Add("asset", "USDT").Add("startTime", 1).Add("endTime", 2).Add("size", 100);

        Assert.Equal("asset=USDT&startTime=1&endTime=2&size=100", q.ToString());
    }

    [Theory]
    [InlineData("１２３４５６", "%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96")]
    [InlineData("a b@c", "a%20b%40c")]
    [InlineData("AZaz09-_.~", "AZaz09-_.~")]
    [InlineData("x+y=z&", "x%2By%3Dz%26")]
    public void Percent_encodes_values_with_upper_case_hex(string value, string expected)
    {
        Assert.Equal("p=" + expected, new QueryString().Add("p", value).ToString());
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    [InlineData("ar-SA")]
    [InlineData("fa-IR")]
    public void Formats_numbers_the_same_in_every_culture(string culture)
    {
        var saved = Thread.CurrentThread.CurrentCulture;
        try
        {
            Thread.CurrentThread.CurrentCulture = new CultureInfo(culture);
            Assert.Equal("timestamp=1499827319559&recvWindow=-5000", new QueryString().Add("timestamp", 1499827319559).Add("recvWindow", -5000).ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = saved;
        }
    }
}
