namespace PmInterest.Emulator;

/// <summary>
/// Every knob of the emulator. The data-set knobs (seed, range, interval, assets, records,
/// overflow instants, keys) are read once when the server starts. The behaviour knobs are
/// read on every request, so a test may change them while the server runs; they are stored
/// in fields read and written atomically because requests run on many threads.
/// </summary>
public sealed partial class EmulatorOptions
{
    /// <summary>The assets accruing interest when none are given: a typical margin book.</summary>
    public static readonly IReadOnlyList<string> DefaultAssets = ["USDT", "USDC", "BTC", "ETH", "BNB", "FDUSD", "SOL", "XRP"];

    private int order;
    private int tieOrder;
    private long latencyTicks;
    private double faultRate;
    private int faultKinds = (int)FaultKinds.All;
    private long clockSkewTicks;
    private long spanLimitTicks = TimeSpan.FromDays(30).Ticks;
    private int weightLimit = 12000;
    private int papiWeightLimit = 6000;
    private int apiWeightLimit = 6000;
    private int account = (int)EmulatorAccount.Both;
    private long weightWindowTicks = TimeSpan.FromSeconds(60).Ticks;
    private int banAfter = 3;
    private long banDurationTicks = TimeSpan.FromSeconds(120).Ticks;
    private EmulatorKeys? keys;
    private long publishDelayTicks;

    // ---- data set (read at start) ----

    /// <summary>Seed of the generated data set and of the fault and shuffle generators. Same seed, same range: byte-identical data.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>First instant of the generated data set (inclusive). Null: <see cref="End"/> minus <see cref="Days"/>.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Last instant of the generated data set (inclusive). Null: <see cref="Start"/> plus <see cref="Days"/>, or the current UTC hour when both are null.</summary>
    public DateTimeOffset? End { get; set; }

    /// <summary>Length of the generated range in days, used for whichever of <see cref="Start"/> and <see cref="End"/> is missing.</summary>
    public int Days { get; set; } = 365;

    /// <summary>The stress data's accrual interval when <see cref="IntervalMinutes"/> is not given: hourly.</summary>
    public const int StressIntervalMinutes = 60;

    /// <summary>
    /// Generate the stress book instead of believable data: an accrual every
    /// <see cref="IntervalMinutes"/> (hourly by default) at principal x rate x interval / 1 day,
    /// with many assets tied at each instant. Believable data (the default) accrues once a day at
    /// 00:00 UTC, interest = principal x daily rate at the asset's scale, as Binance charges it.
    /// </summary>
    public bool Stress { get; set; }

    /// <summary>The stress data's schedule: instants are the multiples of this many minutes since the epoch. Only with <see cref="Stress"/>.</summary>
    public int? IntervalMinutes { get; set; }

    /// <summary>Assets that have negative-balance episodes in the generated data set.</summary>
    public IReadOnlyList<string> Assets { get; set; } = DefaultAssets;

    /// <summary>The spot symbols the market data endpoints serve (default <see cref="MarketCatalog.Default"/>).</summary>
    public IReadOnlyList<MarketSymbol> Symbols { get; set; } = MarketCatalog.Default;

    /// <summary>An explicit data set that replaces generation, overflow instants included (any order: the server sorts it).</summary>
    public IReadOnlyList<EmulatorRecord>? Records { get; set; }

    /// <summary>
    /// Extra instants at which more than 100 assets (named A001, A002, ... up to A150) accrue at
    /// once, so clients meet ties that no single page of 100 can hold.
    /// </summary>
    public int OverflowInstants { get; set; }

    /// <summary>
    /// When true, every asset of an overflow instant also accrues once at an ordinary instant of
    /// the range 1 to 6 hours before or after it (the nearest free one when none is), so a client
    /// that walks the rest of the range can resolve the overflow by asset. When false (the
    /// default) those assets accrue nowhere else.
    /// </summary>
    public bool OverflowAssetsElsewhere { get; set; }

    /// <summary>The registered API keys. Generated on first read when not set (RSA key generation costs time: share one set across servers in tests).</summary>
    public EmulatorKeys Keys
    {
        get => LazyInitializer.EnsureInitialized(ref keys, EmulatorKeys.Generate);
        set => Volatile.Write(ref keys, value ?? throw new ArgumentNullException(nameof(value)));
    }

    // ---- behaviour (read on every request) ----

    /// <summary>Which records a page holds and their order. May change while running.</summary>
    public RecordOrder Order
    {
        get => (RecordOrder)Volatile.Read(ref order);
        set => Volatile.Write(ref order, (int)value);
    }

    /// <summary>Order within a tie of equal accrual time. May change while running.</summary>
    public TieOrder TieOrder
    {
        get => (TieOrder)Volatile.Read(ref tieOrder);
        set => Volatile.Write(ref tieOrder, (int)value);
    }

    /// <summary>Delay before each request (except <c>/_emulator/*</c>) is processed. May change while running.</summary>
    public TimeSpan Latency
    {
        get => new(Interlocked.Read(ref latencyTicks));
        set => Interlocked.Exchange(ref latencyTicks, NonNegative(value).Ticks);
    }

    /// <summary>Probability (0..1) that a request (except <c>/_emulator/*</c>) gets a fault instead of an answer. May change while running.</summary>
    public double FaultRate
    {
        get => Volatile.Read(ref faultRate);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 0.0);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 1.0);
            Volatile.Write(ref faultRate, value);
        }
    }

    /// <summary>Which kinds of fault may be injected. May change while running.</summary>
    public FaultKinds FaultKinds
    {
        get => (FaultKinds)Volatile.Read(ref faultKinds);
        set => Volatile.Write(ref faultKinds, (int)(value & FaultKinds.All));
    }

    /// <summary>Added to the real UTC clock to give the server time (may be negative). May change while running.</summary>
    public TimeSpan ClockSkew
    {
        get => new(Interlocked.Read(ref clockSkewTicks));
        set => Interlocked.Exchange(ref clockSkewTicks, value.Ticks);
    }

    /// <summary>Longest allowed endTime - startTime; a longer window is refused with -1127. May change while running.</summary>
    public TimeSpan SpanLimit
    {
        get => new(Interlocked.Read(ref spanLimitTicks));
        set => Interlocked.Exchange(ref spanLimitTicks, Positive(value).Ticks);
    }

    /// <summary>Request weight an IP may use per window in the <c>/sapi</c> pool (Binance: 12,000). May change while running.</summary>
    public int WeightLimit
    {
        get => Volatile.Read(ref weightLimit);
        set => Volatile.Write(ref weightLimit, value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>Request weight an IP may use per window in the <c>/papi</c> pool (Binance: 6,000). May change while running.</summary>
    public int PapiWeightLimit
    {
        get => Volatile.Read(ref papiWeightLimit);
        set => Volatile.Write(ref papiWeightLimit, value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>Request weight an IP may use per window in the spot <c>/api</c> pool (Binance: 6,000). May change while running.</summary>
    public int ApiWeightLimit
    {
        get => Volatile.Read(ref apiWeightLimit);
        set => Volatile.Write(ref apiWeightLimit, value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>
    /// Which kind of Portfolio Margin account the keys belong to: both (the default, so either
    /// endpoint serves the data set), or one, when the other's interest endpoint answers as
    /// Binance does for the wrong kind of account. May change while running.
    /// </summary>
    public EmulatorAccount Account
    {
        get => (EmulatorAccount)Volatile.Read(ref account);
        set => Volatile.Write(ref account, (int)value);
    }

    /// <summary>Length of the fixed weight windows, aligned to multiples of it in server time. May change while running.</summary>
    public TimeSpan WeightWindow
    {
        get => new(Interlocked.Read(ref weightWindowTicks));
        set => Interlocked.Exchange(ref weightWindowTicks, Positive(value).Ticks);
    }

    /// <summary>
    /// Refused (429) requests tolerated in one window: the first <c>BanAfter</c> requests over
    /// the limit get 429, the next one gets 418 and starts the ban. May change while running.
    /// </summary>
    public int BanAfter
    {
        get => Volatile.Read(ref banAfter);
        set => Volatile.Write(ref banAfter, value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value)));
    }

    /// <summary>How long an IP ban lasts. May change while running (applies to the next ban).</summary>
    public TimeSpan BanDuration
    {
        get => new(Interlocked.Read(ref banDurationTicks));
        set => Interlocked.Exchange(ref banDurationTicks, Positive(value).Ticks);
    }

    /// <summary>
    /// How long after its accrual time a record is published: the interest endpoint serves a
    /// record only once the server clock is at least its <c>interestAccruedTime</c> plus this (Binance
    /// publishes an hour's interest a little after the hour). Zero (the default) serves every record
    /// whatever its time. <c>/_emulator/records</c> shows every record either way. May change while running.
    /// </summary>
    public TimeSpan PublishDelay
    {
        get => new(Interlocked.Read(ref publishDelayTicks));
        set => Interlocked.Exchange(ref publishDelayTicks, NonNegative(value).Ticks);
    }

    internal int LimitOf(WeightPool pool) => pool switch
    {
        WeightPool.Papi => PapiWeightLimit,
        WeightPool.Api => ApiWeightLimit,
        _ => WeightLimit,
    };

    private static TimeSpan NonNegative(TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "Must not be negative.");

    private static TimeSpan Positive(TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), "Must be positive.");
}
