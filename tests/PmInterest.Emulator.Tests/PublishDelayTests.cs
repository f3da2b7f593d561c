using System.Globalization;
using System.Net;

namespace PmInterest.Emulator.Tests;

/// <summary>
/// Late publication: with <see cref="EmulatorOptions.PublishDelay"/> the interest endpoint serves a
/// record only once the server clock has passed its accrual time by the delay, while
/// <c>/_emulator/records</c> shows every record (or only the published ones with <c>published=true</c>).
/// </summary>
public class PublishDelayTests : ServerTest
{
    private const long Minute = 60_000;
    private const long Hour = 60 * Minute;

    // Records around the time the server starts; every one lies minutes away from the cut-off of
    // an hour's delay, so the few seconds a test takes cannot move a record across it.
    private static readonly long Now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private static readonly EmulatorRecord ThreeHoursAgo = Record("USDT", Now - (3 * Hour));
    private static readonly EmulatorRecord SeventyMinutesAgo = Record("BTC", Now - (70 * Minute));
    private static readonly EmulatorRecord FiftyMinutesAgo = Record("ETH", Now - (50 * Minute));
    private static readonly EmulatorRecord TenMinutesAgo = Record("USDC", Now - (10 * Minute));
    private static readonly EmulatorRecord InAnHour = Record("BNB", Now + Hour);
    private static readonly EmulatorRecord[] All = [InAnHour, TenMinutesAgo, FiftyMinutesAgo, SeventyMinutesAgo, ThreeHoursAgo];

    private protected override void Configure(EmulatorOptions options) => options.Records = All;

    [Fact]
    public async Task Without_a_delay_every_record_is_served_whatever_its_time()
    {
        Assert.Equal(TimeSpan.Zero, Server.Options.PublishDelay);
        Assert.Equal(All, await Query());
    }

    [Fact]
    public async Task A_delay_hides_exactly_the_records_not_yet_published()
    {
        Server.Options.PublishDelay = TimeSpan.FromHours(1);
        Assert.Equal([SeventyMinutesAgo, ThreeHoursAgo], await Query());
        Assert.Empty(await Query(("asset", "ETH")));
        Assert.Equal([SeventyMinutesAgo], await Query(("asset", "BTC")));
    }

    [Fact]
    public async Task A_page_is_cut_from_the_published_records_only()
    {
        Server.Options.PublishDelay = TimeSpan.FromHours(1);
        Assert.Equal([SeventyMinutesAgo], await Query(("size", "1")));

        Server.Options.Order = RecordOrder.OldestFirst;
        Assert.Equal([ThreeHoursAgo, SeventyMinutesAgo], await Query(("size", "100")));
    }

    [Fact]
    public async Task The_delay_may_change_while_the_server_runs()
    {
        Server.Options.PublishDelay = TimeSpan.FromHours(1);
        Assert.Equal(2, (await Query()).Count);

        Server.Options.PublishDelay = TimeSpan.FromMinutes(30);
        Assert.Equal([FiftyMinutesAgo, SeventyMinutesAgo, ThreeHoursAgo], await Query());

        Server.Options.PublishDelay = TimeSpan.Zero;
        Assert.Equal(All, await Query());
    }

    [Fact]
    public async Task The_control_endpoint_shows_every_record_and_on_request_only_the_published()
    {
        Server.Options.PublishDelay = TimeSpan.FromHours(1);
        Assert.Equal(All, await Control(string.Empty));
        Assert.Equal(All, await Control("?published=false"));
        Assert.Equal([SeventyMinutesAgo, ThreeHoursAgo], await Control("?published=true"));
        Assert.Equal([SeventyMinutesAgo], await Control("?published=true&asset=BTC"));
        Assert.Empty(await Control("?published=true&asset=USDC"));

        using HttpResponseMessage bad = await Api.GetAsync("_emulator/records?published=yes");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        Server.Options.PublishDelay = TimeSpan.Zero;
        Assert.Equal(All, await Control("?published=true"));
    }

    [Fact]
    public void A_record_is_published_from_the_instant_its_delay_has_passed()
    {
        long time = 1_735_689_600_000;
        long latest = Publication.LatestPublished(TimeSpan.FromMinutes(5), time + (5 * Minute));
        Assert.True(time <= latest);
        Assert.False(time <= Publication.LatestPublished(TimeSpan.FromMinutes(5), time + (5 * Minute) - 1));
        Assert.Equal(long.MaxValue, Publication.LatestPublished(TimeSpan.Zero, time));
    }

    [Fact]
    public void A_negative_delay_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Server.Options.PublishDelay = TimeSpan.FromMilliseconds(-1));
    }

    private static EmulatorRecord Record(string asset, long time) => new(asset, "0.00100000", time, "0.00020000", "120.0000");

    /// <summary>Every record from four hours ago to two hours ahead, newest first unless the order knob says otherwise.</summary>
    private async Task<List<EmulatorRecord>> Query(params (string Name, string Value)[] more)
    {
        (string, string)[] parameters =
        [
            ("startTime", (Now - (4 * Hour)).ToString(CultureInfo.InvariantCulture)),
            ("endTime", (Now + (2 * Hour)).ToString(CultureInfo.InvariantCulture)),
            .. more.Any(p => p.Name == "size") ? [] : (IEnumerable<(string, string)>)[("size", "100")],
            .. more,
        ];
        using HttpResponseMessage response = await Api.SignedAsync(Scheme.Hmac, parameters);
        return await ApiCaller.RecordsOf(response);
    }

    private async Task<List<EmulatorRecord>> Control(string query)
    {
        using HttpResponseMessage response = await Api.GetAsync("_emulator/records" + query);
        return await ApiCaller.RecordsOf(response);
    }
}
