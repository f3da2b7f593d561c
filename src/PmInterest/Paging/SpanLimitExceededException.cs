using System;

namespace PmInterest.Paging;

/// <summary>The server refused a window as too long (-1127); carries its limit when it said one.</summary>
internal sealed class SpanLimitExceededException : Exception
{
    public SpanLimitExceededException()
    {
    }

    public SpanLimitExceededException(string message)
        : base(message)
    {
    }

    public SpanLimitExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SpanLimitExceededException(string message, TimeSpan? limit, Exception? innerException)
        : base(message, innerException)
    {
        Limit = limit;
    }

    public TimeSpan? Limit { get; }
}
