using System.Globalization;
using System.Net;

namespace PmInterest.Emulator.Tests;

/// <summary>Binance is strict about parameters; so is the emulator.</summary>
public class ParameterTests : ServerTest
{
    private const long Day = 86_400_000;
    private static readonly long Start = ServerFactory.DataStart.ToUnixTimeMilliseconds();

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task Size_outside_1_to_100_is_refused_with_1130(string size)
    {
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, ("size", size));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((-1130, "Data sent for parameter 'size' is not valid."), await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task Size_defaults_to_10_and_100_is_allowed()
    {
        string start = Start.ToString(CultureInfo.InvariantCulture);
        string end = (Start + (20 * Day)).ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage byDefault = await Api.SignedAsync(Scheme.Hmac, ("startTime", start), ("endTime", end));
        Assert.Equal(10, (await ApiCaller.RecordsOf(byDefault)).Count);
        using HttpResponseMessage max = await Api.SignedAsync(Scheme.Hmac, ("startTime", start), ("endTime", end), ("size", "100"));
        Assert.Equal(100, (await ApiCaller.RecordsOf(max)).Count);
    }

    [Theory]
    [InlineData("size", "abc")]
    [InlineData("size", "-5")]
    [InlineData("startTime", "1.5")]
    [InlineData("endTime", "123456789012345678901")]
    [InlineData("timestamp", "now")]
    public async Task Non_integer_long_is_refused_with_1100(string name, string value)
    {
        // SignedAsync adds a valid timestamp unless the test sends its own.
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, (name, value));
        Assert.Equal(
            (-1100, $"Illegal characters found in parameter '{name}'; legal range is '^[0-9]{{1,20}}$'."),
            await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task Span_of_30_days_is_served_and_one_millisecond_more_is_refused_with_1127()
    {
        string start = Start.ToString(CultureInfo.InvariantCulture);
        using HttpResponseMessage exact = await Api.SignedAsync(
            Scheme.Hmac, ("startTime", start), ("endTime", (Start + (30 * Day)).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.OK, exact.StatusCode);

        using HttpResponseMessage over = await Api.SignedAsync(
            Scheme.Hmac, ("startTime", start), ("endTime", (Start + (30 * Day) + 1).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal((-1127, "More than 720 hours between startTime and endTime."), await ApiCaller.ErrorOf(over));
    }

    [Fact]
    public async Task Span_limit_follows_the_option()
    {
        Server.Options.SpanLimit = TimeSpan.FromDays(1);
        using HttpResponseMessage over = await Api.SignedAsync(
            Scheme.Hmac, ("startTime", "0"), ("endTime", (Day + 1).ToString(CultureInfo.InvariantCulture)));
        Assert.Equal((-1127, "More than 24 hours between startTime and endTime."), await ApiCaller.ErrorOf(over));
    }

    [Fact]
    public async Task Start_after_end_is_refused_with_1128()
    {
        using HttpResponseMessage response = await Api.SignedAsync(
            Scheme.Hmac, ("startTime", (Start + 1).ToString(CultureInfo.InvariantCulture)), ("endTime", Start.ToString(CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-1128, (await ApiCaller.ErrorOf(response)).Code);
    }

    [Fact]
    public async Task Unknown_parameter_is_refused_with_1104_counting_every_parameter()
    {
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, ("asset", "USDT"), ("symbol", "BTCUSDT"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            (-1104, "Not all sent parameters were read; read '3' parameter(s) but was sent '4'."),
            await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task Duplicated_parameter_is_refused_with_1101()
    {
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, ("asset", "USDT"), ("asset", "BTC"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((-1101, "Duplicate values for a parameter detected."), await ApiCaller.ErrorOf(response));
    }

    [Fact]
    public async Task Empty_parameter_is_refused_with_1105()
    {
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, ("asset", ""));
        Assert.Equal((-1105, "Parameter 'asset' was empty."), await ApiCaller.ErrorOf(response));
    }
}
