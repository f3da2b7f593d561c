namespace PmInterest.Emulator;

/// <summary>The command-line options of the pacing knobs.</summary>
internal sealed partial class CommandLine
{
    // Starts with a line break: the hostile usage before it ends without one.
    private const string PacingUsage = """

        Pacing modes:
          --used-weight-header TEXT  every used-weight header says TEXT (e.g. 2147483647, -5, lots)
          --always-429               every API request is answered 429 (-1003), nothing charged
          --limit-zero-message       the -1003 message says "current limit is 0"
          --retry-after TEXT         every 429's Retry-After says TEXT (default: seconds to the window's end)
          --absurd-retry-after       every 429 says Retry-After 100000000000000
        """;

    private static bool TrySetPacingFlag(string name, EmulatorOptions o)
    {
        switch (name)
        {
            case "--always-429": o.AlwaysTooMuchWeight = true; return true;
            case "--limit-zero-message": o.LimitZeroInMessage = true; return true;
            case "--absurd-retry-after": o.AbsurdRetryAfter = true; return true;
            default: return false;
        }
    }

    private static bool TrySetPacingOption(string name, string value, EmulatorOptions o)
    {
        switch (name)
        {
            case "--used-weight-header": o.UsedWeightHeader = value; return true;
            case "--retry-after": o.TooMuchWeightRetryAfter = value; return true;
            default: return false;
        }
    }
}
