namespace PmInterest.Emulator;

/// <summary>
/// One interest-history query answered with HTTP 200, after the server applied its defaults:
/// what a test counts to see how many windows a client fetched.
/// </summary>
/// <param name="Asset">The decoded <c>asset</c> parameter, or null when none was sent.</param>
/// <param name="StartTime">Effective window start, ms since the epoch (inclusive).</param>
/// <param name="EndTime">Effective window end, ms since the epoch (inclusive).</param>
public sealed record EmulatorQuery(string? Asset, long StartTime, long EndTime);
