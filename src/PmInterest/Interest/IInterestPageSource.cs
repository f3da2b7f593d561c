using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace PmInterest.Interest;

/// <summary>
/// All the pager knows of Binance: fetch one page of at most <see cref="PageSize"/> records
/// in an inclusive window, optionally for one asset. Throws
/// <see cref="SpanLimitExceededException"/> when the window is longer than the server allows.
/// </summary>
internal interface IInterestPageSource
{
    int PageSize { get; }

    Task<IReadOnlyList<NegativeBalanceInterest>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken);
}
