namespace PmInterest.Emulator;

/// <summary>The command-line options of the hostile and account knobs.</summary>
internal sealed partial class CommandLine
{
    private const string HostileUsage = """
        Hostile modes:
          --redirect STATUS          answer every API request with this 3xx, pointing at the redirect listener
          --redirect-to URL          point redirects at this address instead (scheme, host and port are used)
          --hostile-body KIND        200 bodies: oversized, endless, false-gzip, unknown-charset, invalid-utf8,
                                     time-out-of-range, deep-nesting, duplicate-field, trailing-text,
                                     long-decimal, odd-time, negative-amount or none (default none)
          --nested-errors            every API request is answered 400 with 100,000 nested arrays as its body
          --nested-key-check         the key checks (apiRestrictions, /papi/v1/account) answer 200 with 100,000
                                     nested arrays
          --oversized-bytes N        length of the oversized body (default 419430400)
          --charset NAME             charset label of the unknown-charset body (default x-pminterest-unknown)
          --absurd-ban-end           418s say "banned until" 1e17 ms and Retry-After 1e14 s
          --control-characters       error messages carry ANSI escapes, CR/LF, C1 and DEL characters
          --banned-seconds N         every IP is banned for N seconds from the start
          --spent-weight N           SAPI weight other programs have spent in the window current at the start
          --key-cannot-read          keys lack "enable reading" (the interest endpoint answers -2015)
          --ip-restricted            apiRestrictions reports ipRestrict true
          --ip-not-allowed           the caller's IP is not on the keys' allow list (-2015 on every signed call)
        """;

    private static bool TrySetHostileFlag(string name, EmulatorOptions o)
    {
        switch (name)
        {
            case "--absurd-ban-end": o.AbsurdBanEnd = true; return true;
            case "--control-characters": o.ControlCharactersInMessages = true; return true;
            case "--key-cannot-read": o.KeyCannotRead = true; return true;
            case "--ip-restricted": o.IpRestrictReported = true; return true;
            case "--ip-not-allowed": o.IpNotAllowed = true; return true;
            case "--nested-errors": o.NestedErrors = true; return true;
            case "--nested-key-check": o.NestedKeyCheck = true; return true;
            default: return false;
        }
    }

    private static bool TrySetHostileOption(string name, string value, EmulatorOptions o)
    {
        switch (name)
        {
            case "--redirect": o.RedirectStatus = Int(name, value); return true;
            case "--redirect-to": o.RedirectTarget = Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) ? uri : throw new ArgumentException($"Option '{name}' needs an absolute URL, not '{value}'."); return true;
            case "--hostile-body": o.HostileBody = Body(name, value); return true;
            case "--oversized-bytes": o.OversizedBodyBytes = (long)Number(name, value); return true;
            case "--charset": o.Charset = value; return true;
            case "--banned-seconds": o.BannedAtStart = TimeSpan.FromSeconds(Number(name, value)); return true;
            case "--spent-weight": o.SpentWeightAtStart = Int(name, value); return true;
            default: return TrySetNetworkOption(name, value, o);
        }
    }

    private static HostileBody Body(string name, string value) => Choice(
        name,
        value,
        ("none", HostileBody.None),
        ("oversized", HostileBody.Oversized),
        ("endless", HostileBody.Endless),
        ("false-gzip", HostileBody.FalseGzip),
        ("unknown-charset", HostileBody.UnknownCharset),
        ("invalid-utf8", HostileBody.InvalidUtf8),
        ("time-out-of-range", HostileBody.TimeOutOfRange),
        ("deep-nesting", HostileBody.DeepNesting),
        ("duplicate-field", HostileBody.DuplicateField),
        ("trailing-text", HostileBody.TrailingText),
        ("long-decimal", HostileBody.LongDecimal),
        ("odd-time", HostileBody.OddTime),
        ("negative-amount", HostileBody.NegativeAmount));
}
