namespace PmInterest.Emulator;

/// <summary>
/// The hostile and account knobs: redirects, broken bodies, absurd ban ends, control characters
/// in messages, and what the API key may do. Read on every request like the other behaviour
/// knobs, except the start state (<see cref="BannedAtStart"/>, <see cref="SpentWeightAtStart"/>).
/// </summary>
public sealed partial class EmulatorOptions
{
    private int redirectStatus;
    private Uri? redirectTarget;
    private int hostileBody;
    private long oversizedBodyBytes = 400L * 1024 * 1024;
    private string charset = "x-pminterest-unknown";
    private int absurdBanEnd;
    private int controlCharacters;
    private int keyCannotRead;
    private int ipRestrictReported;
    private int ipNotAllowed;

    /// <summary>
    /// 0: off. Otherwise a 3xx status with which every API request is answered, its Location
    /// pointing at <see cref="RedirectTarget"/> (or the emulator's own redirect listener) with
    /// the same path and query. May change while running.
    /// </summary>
    public int RedirectStatus
    {
        get => Volatile.Read(ref redirectStatus);
        set => Volatile.Write(ref redirectStatus, value is 0 or (>= 300 and <= 399) ? value : throw new ArgumentOutOfRangeException(nameof(value), "0 or a 3xx status."));
    }

    /// <summary>Where redirects point (scheme, host and port are used); null: the emulator's own redirect listener.</summary>
    public Uri? RedirectTarget
    {
        get => Volatile.Read(ref redirectTarget);
        set => Volatile.Write(ref redirectTarget, value);
    }

    /// <summary>What a 200 interest-history answer holds instead of the page. May change while running.</summary>
    public HostileBody HostileBody
    {
        get => (HostileBody)Volatile.Read(ref hostileBody);
        set => Volatile.Write(ref hostileBody, (int)value);
    }

    /// <summary>Length of the <see cref="HostileBody.Oversized"/> body (default 400 MB, at least 1024 bytes).</summary>
    public long OversizedBodyBytes
    {
        get => Interlocked.Read(ref oversizedBodyBytes);
        set => Interlocked.Exchange(ref oversizedBodyBytes, value >= 1024 ? value : throw new ArgumentOutOfRangeException(nameof(value), "At least 1024 bytes."));
    }

    /// <summary>The charset label of <see cref="HostileBody.UnknownCharset"/> answers.</summary>
    public string Charset
    {
        get => Volatile.Read(ref charset);
        set => Volatile.Write(ref charset, string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("A charset label is needed.", nameof(value)) : value);
    }

    /// <summary>A 418 says "banned until" 1e17 ms (past the year 9999) with a Retry-After of 10^14 seconds. May change while running.</summary>
    public bool AbsurdBanEnd
    {
        get => Volatile.Read(ref absurdBanEnd) != 0;
        set => Volatile.Write(ref absurdBanEnd, value ? 1 : 0);
    }

    /// <summary>Error messages carry ANSI escapes, CR/LF, C1 and DEL characters. May change while running.</summary>
    public bool ControlCharactersInMessages
    {
        get => Volatile.Read(ref controlCharacters) != 0;
        set => Volatile.Write(ref controlCharacters, value ? 1 : 0);
    }

    /// <summary>Every key lacks "enable reading": apiRestrictions says so and the interest endpoint refuses with -2015. May change while running.</summary>
    public bool KeyCannotRead
    {
        get => Volatile.Read(ref keyCannotRead) != 0;
        set => Volatile.Write(ref keyCannotRead, value ? 1 : 0);
    }

    /// <summary>apiRestrictions reports <c>ipRestrict: true</c> (the request is still served). May change while running.</summary>
    public bool IpRestrictReported
    {
        get => Volatile.Read(ref ipRestrictReported) != 0;
        set => Volatile.Write(ref ipRestrictReported, value ? 1 : 0);
    }

    /// <summary>The caller's IP is not on the keys' allow list: every signed request is refused with -2015. May change while running.</summary>
    public bool IpNotAllowed
    {
        get => Volatile.Read(ref ipNotAllowed) != 0;
        set => Volatile.Write(ref ipNotAllowed, value ? 1 : 0);
    }

    /// <summary>Start state: every IP is banned for this long from the start (zero: not banned).</summary>
    public TimeSpan BannedAtStart { get; set; }

    /// <summary>Start state: SAPI weight "other programs" have spent in the window current at the start.</summary>
    public int SpentWeightAtStart { get; set; }
}
