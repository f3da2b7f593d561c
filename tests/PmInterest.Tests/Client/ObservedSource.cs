using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Interest;
using PmInterest.Paging;
using PmInterest.Endpoints;

namespace PmInterest.Tests.Client;

/// <summary>
/// The interest-history page source with the client's events handed to a test: the same
/// request as <see cref="PagedSource{T}"/> (asset, startTime, endTime, size=100), read by
/// the same parser, but every <see cref="ClientEvent"/> goes to <c>observe</c>.
/// </summary>
internal sealed class ObservedSource : IPageSource<NegativeBalanceInterest>
{
    private readonly BinanceClient _client;
    private readonly Action<ClientEvent> _observe;

    public ObservedSource(BinanceClient client, Action<ClientEvent> observe)
    {
        _client = client;
        _observe = observe;
    }

    public int PageSize => PortfolioMarginPro.InterestHistory.PageSize;

    public TimeSpan MaxSpan => PortfolioMarginPro.InterestHistory.MaxSpan;

    public async Task<IReadOnlyList<NegativeBalanceInterest>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken)
    {
        var endpoint = PortfolioMarginPro.InterestHistory;
        var answer = await _client.GetAsync(endpoint, endpoint.Parameters(new PagerQuery(asset, startMs, endMs)), "window", _observe, cancellationToken);
        return answer.Value;
    }
}
