namespace PmInterest.Emulator;

/// <summary>
/// One negative-balance interest record exactly as the endpoint serves it. The amounts stay
/// strings so that their scale ("24.4440") reaches the client byte for byte.
/// </summary>
/// <param name="Asset">Asset name, matched exactly by the <c>asset</c> filter.</param>
/// <param name="Interest">Interest amount as a plain decimal string.</param>
/// <param name="InterestAccruedTime">Accrual instant, ms since the Unix epoch.</param>
/// <param name="InterestRate">Daily interest rate as a plain decimal string.</param>
/// <param name="Principal">Negative balance the interest was charged on, as a plain decimal string.</param>
public sealed record EmulatorRecord(string Asset, string Interest, long InterestAccruedTime, string InterestRate, string Principal);
