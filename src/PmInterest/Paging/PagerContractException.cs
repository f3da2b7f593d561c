using System;

namespace PmInterest.Paging;

/// <summary>
/// The server broke what paging relies on: a record outside the window asked for, a record
/// of another asset than the one asked for, or a full page that is not in time order. The
/// walk cannot be trusted past such an answer, so it stops.
/// </summary>
internal sealed class PagerContractException : Exception
{
    public PagerContractException()
    {
    }

    public PagerContractException(string message)
        : base(message)
    {
    }

    public PagerContractException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
