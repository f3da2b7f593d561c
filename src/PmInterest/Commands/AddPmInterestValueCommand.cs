using System;
using System.Globalization;
using System.Management.Automation;
using PmInterest.Binance;
using PmInterest.Endpoints;
using PmInterest.Interest;
using PmInterest.Valuation;

namespace PmInterest.Commands;

/// <summary>
/// Values interest records in a quote currency at their accrual time from Binance's public spot
/// klines, every record in its order; the work runs in the background, the writing on the pipeline thread.
/// </summary>
[Cmdlet(VerbsCommon.Add, "PmInterestValue")]
[OutputType(typeof(ValuedInterest))]
public sealed class AddPmInterestValueCommand : PmCmdlet
{
    /// <summary>Overrides the default market data host (https://api.binance.com) when -BaseUri is not given.</summary>
    public const string BaseUriVariable = "PMINTEREST_MARKET_BASE_URI";

    private const string Activity = "Add-PmInterestValue";
    private const int ProgressId = 1;

    private string _quote = string.Empty;
    private BinanceClient? _client;
    private ValuationStream? _stream;
    private long _written;

    /// <summary>The currency to value in, such as USDT, USDC or EUR.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Quote { get; set; } = string.Empty;

    /// <summary>Records from Get-, Import- or Export-PmNegativeBalanceInterest -PassThru; an export summary is passed over.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    [AllowNull]
    public PSObject? InputObject { get; set; }

    /// <summary>The spot market data host; default PMINTEREST_MARKET_BASE_URI, else https://api.binance.com.</summary>
    [Parameter]
    [ValidateNotNull]
    public Uri? BaseUri { get; set; }

    protected override void BeginProcessing()
    {
        Uri baseUri;
        try
        {
            _quote = QuoteOf(Quote);
            baseUri = ResolveBaseUri(BaseUri);
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, null));
            return;
        }

        if (PlainHttpWarning.ForMarketData(baseUri) is { } warning)
        {
            WriteWarning(warning);
        }

        // A client of public endpoints: no key and no signer, so no key or signature can ever be sent.
        _client = new BinanceClient(null, null, new BinanceClientOptions { BaseUri = baseUri });
        var session = MarketSessions.For(baseUri);
        ValuationStream? stream = null;
        var source = new MarketSource(_client, line => stream!.Tell(line), wait => stream!.Tell(wait));
        var valuator = new Valuator(source, session);
        stream = new ValuationStream(
            async (chunk, token) => new ValuedChunk(await valuator.ValueAsync(chunk, _quote, token).ConfigureAwait(false), valuator.Requests),
            Cancellation);
        _stream = stream;
        WriteVerbose(string.Format(CultureInfo.InvariantCulture, "Valuing in {0} with prices from {1} (public market data: no key, no signature).", _quote, baseUri.GetLeftPart(UriPartial.Authority)));
    }

    protected override void ProcessRecord()
    {
        Drain(untilIdle: false);
        switch (InputObject?.BaseObject)
        {
            case NegativeBalanceInterest record:
                _stream!.Add(record);
                break;
            case ValuedInterest valued:
                _stream!.Add(valued.Record);
                break;
            case LedgerExportSummary:
            case null:
                return; // Export -PassThru ends with its summary; it is not a record.
            default:
                WriteError(ErrorRecords.NotARecordToValue(InputObject!));
                return;
        }

        if (_stream!.Due)
        {
            Drain(untilIdle: true);
            _stream.Start();
        }
    }

    protected override void EndProcessing()
    {
        Drain(untilIdle: true);
        _stream!.Start();
        Drain(untilIdle: true);
        if (_written > 0)
        {
            WriteProgress(new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream?.Dispose();
            _client?.Dispose();
        }

        base.Dispose(disposing);
    }

    private static string QuoteOf(string quote)
    {
        var code = AssetCode.Normalize(quote);
        if (!AssetCode.IsValid(code))
        {
            throw new PmInputException(ErrorIds.InvalidAsset,
                "-Quote '" + quote + "' is not an asset code (1 to 20 letters, digits, '-', '_' or '.').",
                "Give the currency to value in, such as USDT, USDC or EUR.");
        }

        return code;
    }

    /// <summary>-BaseUri, else PMINTEREST_MARKET_BASE_URI, else api.binance.com: never the connection's host (the PAPI host serves no klines).</summary>
    private static Uri ResolveBaseUri(Uri? given)
    {
        var uri = given;
        var origin = "-BaseUri";
        if (uri is null)
        {
            var text = Environment.GetEnvironmentVariable(BaseUriVariable);
            if (string.IsNullOrEmpty(text))
            {
                return SpotMarket.DefaultBaseUri;
            }

            origin = BaseUriVariable;
            if (!Uri.TryCreate(text, UriKind.Absolute, out uri))
            {
                throw InvalidBaseUri(origin);
            }
        }

        if (!BinanceClientOptions.IsUsableBaseUri(uri))
        {
            throw InvalidBaseUri(origin);
        }

        return uri;
    }

    private static PmInputException InvalidBaseUri(string origin) =>
        new(ErrorIds.InvalidBaseUri,
            origin + " is not an absolute http or https address without a user name, password, query or fragment.",
            "Give the spot market data host, such as https://api.binance.com.");

    /// <summary>Writes what the valuation said, on the pipeline thread; with <paramref name="untilIdle"/> until no chunk is being valued.</summary>
    private void Drain(bool untilIdle)
    {
        try
        {
            foreach (var item in _stream!.Take(untilIdle, Cancellation))
            {
                if (TellClientEvent(item, ProgressId))
                {
                    continue;
                }

                switch (item)
                {
                    case ValuedChunk chunk:
                        Write(chunk);
                        break;
                    case ChunkFailure failure:
                        Fail(failure.Exception);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
        {
            // Ctrl+C: the chunk in flight and its requests are cancelled with the same token.
            _stream!.Stop();
        }
    }

    private void Write(ValuedChunk chunk)
    {
        foreach (var valued in chunk.Records)
        {
            WriteObject(valued);
            if (valued.Value is null)
            {
                WriteError(ErrorRecords.PriceNotFound(valued));
            }
        }

        _written += chunk.Records.Count;
        WriteProgress(new ProgressRecord(ProgressId, Activity, string.Format(CultureInfo.InvariantCulture, "{0} records valued in {1}, {2} requests", _written, _quote, chunk.Requests)));
    }

    private void Fail(Exception exception)
    {
        switch (exception)
        {
            case OperationCanceledException when Cancellation.IsCancellationRequested:
                return;
            case BinanceApiException e:
                ThrowTerminatingError(ErrorRecords.FromMarketData(e, null));
                return;
            default:
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception).Throw();
                return;
        }
    }
}
