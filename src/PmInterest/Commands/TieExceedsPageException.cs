using System;

namespace PmInterest.Commands;

/// <summary>The exception of a TieExceedsPage error: the records at one instant may be incomplete.</summary>
internal sealed class TieExceedsPageException : Exception
{
    public TieExceedsPageException()
    {
    }

    public TieExceedsPageException(string message)
        : base(message)
    {
    }

    public TieExceedsPageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
