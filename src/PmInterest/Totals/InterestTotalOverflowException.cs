using System;

namespace PmInterest.Totals;

/// <summary>
/// A group's interest total cannot be held exactly in a decimal: it exceeds its range, or
/// would need more than its 28 to 29 significant digits (the sum would be rounded). Never
/// a silently rounded total.
/// </summary>
internal sealed class InterestTotalOverflowException : Exception
{
    public InterestTotalOverflowException()
    {
    }

    public InterestTotalOverflowException(string message)
        : base(message)
    {
    }

    public InterestTotalOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
