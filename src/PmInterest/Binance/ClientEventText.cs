using System.Globalization;

namespace PmInterest.Binance;

/// <summary>The one wording of what the client tells, for verbose output and progress; never a secret (events hold none).</summary>
internal static class ClientEventText
{
    /// <summary>A line for the verbose stream.</summary>
    public static string Describe(ClientEvent clientEvent) => clientEvent switch
    {
        WaitEvent wait => string.Format(
            CultureInfo.InvariantCulture,
            "GET {0} {1}: waiting {2:0.0} s, until {3:HH:mm:ss}Z: {4}.",
            wait.Path,
            wait.Description,
            wait.Duration.TotalSeconds,
            wait.UntilUtc,
            Reason(wait)),
        RequestEvent attempt => string.Format(
            CultureInfo.InvariantCulture,
            "GET {0} {1}: attempt {2}, {3} after {4:0} ms, {5}.",
            attempt.Path,
            attempt.Description,
            attempt.Attempt,
            attempt.HttpStatus == 0 ? "no response" : "HTTP " + attempt.HttpStatus.ToString(CultureInfo.InvariantCulture),
            attempt.Elapsed.TotalMilliseconds,
            attempt.Outcome),
        _ => clientEvent.Path + " " + clientEvent.Description,
    };

    /// <summary>Why a wait happens, with the weight figures in force that caused it.</summary>
    public static string Reason(WaitEvent wait) => wait.Reason switch
    {
        WaitReason.WeightLimit => string.Format(
            CultureInfo.InvariantCulture,
            "request weight {0} of {1} used this minute; the next request waits for the next minute",
            wait.UsedWeight,
            wait.WeightLimit),
        WaitReason.RetryAfter => string.Format(
            CultureInfo.InvariantCulture,
            "Binance refused more weight (HTTP 429; {0} of {1} used this minute){2}; nothing is sent until then",
            wait.UsedWeight,
            wait.WeightLimit,
            wait.Detail is null ? string.Empty : ", " + wait.Detail),
        WaitReason.Backoff => "a transient fault" + (wait.Detail is null ? string.Empty : " (" + wait.Detail + ")") + "; retrying after a backoff",
        WaitReason.FirstAnswer => wait.Detail ?? "no recent answer from this host: one request goes first, the others wait for its answer",
        _ => wait.Reason.ToString(),
    };
}
