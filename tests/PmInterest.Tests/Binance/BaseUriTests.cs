using System;
using System.Text;
using PmInterest.Binance;
using PmInterest.Binance.Signing;
using Xunit;

namespace PmInterest.Tests.Binance;

public sealed class BaseUriTests
{
    [Theory]
    [InlineData("https://api.binance.com")]
    [InlineData("https://api.binance.com/")]
    [InlineData("http://127.0.0.1:5000/")]
    public void An_absolute_http_address_is_usable(string uri)
    {
        Assert.True(BinanceClientOptions.IsUsableBaseUri(new Uri(uri)));
    }

    [Theory]
    [InlineData("http://user:password@api.binance.com/")]
    [InlineData("https://user@api.binance.com/")]
    [InlineData("https://api.binance.com/?x=1")]
    [InlineData("https://api.binance.com/?")]
    [InlineData("https://api.binance.com/#top")]
    [InlineData("https://api.binance.com/#")]
    [InlineData("ftp://api.binance.com/")]
    [InlineData("file:///etc/passwd")]
    public void User_info_a_query_a_fragment_or_another_scheme_is_refused(string uri)
    {
        Assert.False(BinanceClientOptions.IsUsableBaseUri(new Uri(uri)));
    }

    [Fact]
    public void A_client_refuses_a_base_uri_with_a_password_without_repeating_it()
    {
        var options = new BinanceClientOptions { BaseUri = new Uri("http://user:hunter2@127.0.0.1:1/") };

        var e = Assert.Throws<ArgumentException>(() => new BinanceClient("key", new HmacSha256Signer(Encoding.UTF8.GetBytes("s")), options));

        Assert.Contains("user name, password", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }
}
