using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Interest;

namespace PmInterest.Tests.Client;

/// <summary>
/// The interest-history page source with the client's events handed to a test: the same
/// request as <see cref="InterestHistorySource"/> (asset, startTime, endTime, size=100), read by
/// the same parser, but every <see cref="ClientEvent"/> goes to <c>observe</c>.
/// </summary>
internal sealed class ObservedSource : IInterestPageSource
{
    private readonly BinanceClient _client;
    private readonly Action<ClientEvent> _observe;

    public ObservedSource(BinanceClient client, Action<ClientEvent> observe)
    {
        _client = client;
        _observe = observe;
    }

    public int PageSize => InterestHistorySource.MaxPageSize;

    public async Task<IReadOnlyList<NegativeBalanceInterest>> FetchAsync(string? asset, long startMs, long endMs, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        if (asset is not null)
        {
            parameters.Add(new("asset", asset));
        }

        parameters.Add(new("startTime", startMs.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("endTime", endMs.ToString(CultureInfo.InvariantCulture)));
        parameters.Add(new("size", PageSize.ToString(CultureInfo.InvariantCulture)));
        var response = await _client.GetSignedAsync(InterestHistorySource.Path, parameters, InterestHistorySource.Weight, "window", _observe, cancellationToken);
        return InterestHistoryParser.Parse(response.Body);
    }
}
