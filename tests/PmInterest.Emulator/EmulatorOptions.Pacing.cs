namespace PmInterest.Emulator;

/// <summary>
/// The pacing knobs of a hostile or broken server: a used-weight header that says anything, a
/// 429 for every request, Retry-After of any text, and "current limit is 0" in the -1003 message.
/// Read on every request, so they may change while running.
/// </summary>
public sealed partial class EmulatorOptions
{
    /// <summary>The Retry-After of <see cref="AbsurdRetryAfter"/>: 10^14 seconds, three million years.</summary>
    public const string AbsurdRetryAfterText = "100000000000000";

    private string? usedWeightHeader;
    private int alwaysTooMuchWeight;
    private int limitZeroInMessage;
    private string? tooMuchWeightRetryAfter;
    private int absurdRetryAfter;

    /// <summary>
    /// Null: the used-weight header (<c>X-SAPI-USED-IP-WEIGHT-1M</c>, <c>X-MBX-USED-WEIGHT-1M</c>)
    /// tells the real count. Otherwise every answer's header says this text, such as
    /// <c>2147483647</c>, <c>-5</c> or <c>lots</c>; the real count is still kept and enforced.
    /// </summary>
    public string? UsedWeightHeader
    {
        get => Volatile.Read(ref usedWeightHeader);
        set => Volatile.Write(ref usedWeightHeader, value);
    }

    /// <summary>
    /// Every API request is answered HTTP 429 with Binance's -1003 body and a Retry-After
    /// (<see cref="TooMuchWeightRetryAfter"/>, else the seconds to the window's end). Nothing is
    /// charged and nothing is served; a ban still comes first.
    /// </summary>
    public bool AlwaysTooMuchWeight
    {
        get => Volatile.Read(ref alwaysTooMuchWeight) != 0;
        set => Volatile.Write(ref alwaysTooMuchWeight, value ? 1 : 0);
    }

    /// <summary>The -1003 message of every 429 says "current limit is 0 request weight per ...".</summary>
    public bool LimitZeroInMessage
    {
        get => Volatile.Read(ref limitZeroInMessage) != 0;
        set => Volatile.Write(ref limitZeroInMessage, value ? 1 : 0);
    }

    /// <summary>Null: a 429's Retry-After is the seconds to the window's end. Otherwise every 429's Retry-After says this text.</summary>
    public string? TooMuchWeightRetryAfter
    {
        get => Volatile.Read(ref tooMuchWeightRetryAfter);
        set => Volatile.Write(ref tooMuchWeightRetryAfter, value);
    }

    /// <summary>Every 429 says <c>Retry-After: 100000000000000</c> (<see cref="AbsurdRetryAfterText"/>); wins over <see cref="TooMuchWeightRetryAfter"/>.</summary>
    public bool AbsurdRetryAfter
    {
        get => Volatile.Read(ref absurdRetryAfter) != 0;
        set => Volatile.Write(ref absurdRetryAfter, value ? 1 : 0);
    }
}
