using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Paging;

/// <summary>
/// All the pager knows of the server: fetch one page of at most <see cref="PageSize"/> records
/// in an inclusive window, optionally for one asset, and the longest window it documents. Throws
/// <see cref="SpanLimitExceededException"/> when the window is longer than the server allows.
/// </summary>
internal interface IPageSource<T>
{
    int PageSize { get; }

    /// <summary>The longest window one request may cover, as documented; a shorter one the server names is learned.</summary>
    TimeSpan MaxSpan { get; }

    Task<IReadOnlyList<T>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken);
}
