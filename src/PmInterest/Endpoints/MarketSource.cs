using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using PmInterest.Binance;
using PmInterest.Valuation;

namespace PmInterest.Endpoints;

/// <summary>
/// Public market data on a client of public endpoints (no key, no signer, so nothing signed can
/// ever be sent), as valuation's source: a line per request for verbose output, and every wait
/// handed on before it starts.
/// </summary>
internal sealed class MarketSource : IMarketSource
{
    private static readonly KeyValuePair<string, string>[] NoParameters = Array.Empty<KeyValuePair<string, string>>();

    private readonly BinanceClient _client;
    private readonly RefusalBudget _run; // one source is one valuation run: its requests share the refusal bounds
    private readonly Action<string>? _log;
    private readonly Action<WaitEvent>? _waiting;
    private int _requests;

    public MarketSource(BinanceClient client, Action<string>? log, Action<WaitEvent>? waiting = null)
    {
        if (client.KeyType is not null)
        {
            throw new ArgumentException("Market data is read with a client of public endpoints only.", nameof(client));
        }

        _client = client;
        _run = client.NewRun();
        _log = log;
        _waiting = waiting;
    }

    public int MaxConcurrency => _client.Options.MaxConcurrency;

    public int Requests => Volatile.Read(ref _requests);

    public async Task<IReadOnlyList<MarketSymbol>> SymbolsAsync(CancellationToken cancellationToken)
    {
        var endpoint = SpotMarket.ExchangeInfo;
        Interlocked.Increment(ref _requests);
        var answer = await _client.GetAsync(endpoint, NoParameters, "symbols", Observe, cancellationToken, _run).ConfigureAwait(false);
        Log(endpoint, "symbols", answer.Value.Count.ToString(CultureInfo.InvariantCulture) + " symbols", answer);
        return answer.Value;
    }

    public async Task<KlineSeries> KlinesAsync(KlineRequest request, CancellationToken cancellationToken)
    {
        var endpoint = SpotMarket.Klines;
        var description = request.ToString();
        Interlocked.Increment(ref _requests);
        var answer = await _client.GetAsync(endpoint, endpoint.Parameters(request), description, Observe, cancellationToken, _run).ConfigureAwait(false);
        if (answer.Value.Count > request.Limit)
        {
            throw new BinanceApiException(
                BinanceErrorKind.Protocol,
                200,
                null,
                string.Format(CultureInfo.InvariantCulture, "The answer holds {0} klines, more than the limit={1} asked for.", answer.Value.Count, request.Limit),
                endpoint.Path);
        }

        Log(endpoint, description, answer.Value.Count.ToString(CultureInfo.InvariantCulture) + " klines", answer);
        return answer.Value;
    }

    private void Log<T>(ApiEndpoint endpoint, string description, string what, ApiAnswer<T> answer) =>
        _log?.Invoke(string.Format(
            CultureInfo.InvariantCulture,
            "GET {0} {1}: {2}, weight {3}/{4}{5}",
            endpoint.Path,
            description,
            what,
            answer.UsedWeight?.ToString(CultureInfo.InvariantCulture) ?? "?",
            _client.GetWeightStatus(endpoint.Pool).LimitInForce,
            answer.Attempts > 1 ? string.Format(CultureInfo.InvariantCulture, " (attempt {0})", answer.Attempts) : string.Empty));

    private void Observe(ClientEvent clientEvent) => SourceEvents.Tell(clientEvent, _waiting, _log);
}
