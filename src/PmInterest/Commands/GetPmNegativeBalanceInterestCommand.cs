using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using PmInterest.Interest;
using PmInterest.Paging;

namespace PmInterest.Commands;

/// <summary>
/// Streams the negative-balance interest history of a Portfolio Margin Pro account for any
/// time range, every record exactly once, newest first.
/// </summary>
[Cmdlet(VerbsCommon.Get, "PmNegativeBalanceInterest", SupportsPaging = true)]
[OutputType(typeof(NegativeBalanceInterest))]
public sealed class GetPmNegativeBalanceInterestCommand : PagerCmdlet
{
    private PmConnection? _connection;
    private long _startMs;
    private long _endMs;
    private ulong _toSkip;
    private ulong _toWrite = ulong.MaxValue;
    private ulong _matched;
    private bool _stoppedEarly;

    /// <summary>Assets to fetch (all when left out); also from the pipeline.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(AssetCompleter))]
    public string[]? Asset { get; set; }

    [Parameter]
    [TimeArgument]
    public DateTime StartTime { get; set; }

    [Parameter]
    [TimeArgument]
    public DateTime EndTime { get; set; }

    [Parameter]
    [ValidateNotNull]
    public PmConnection? Connection { get; set; }

    private protected override string Activity => "Get-PmNegativeBalanceInterest";

    protected override void BeginProcessing()
    {
        try
        {
            var bound = MyInvocation.BoundParameters;
            (_startMs, _endMs) = TimeRange.Resolve(
                bound.ContainsKey(nameof(StartTime)) ? StartTime : null,
                bound.ContainsKey(nameof(EndTime)) ? EndTime : null,
                DateTime.UtcNow);
            _connection = ResolveConnection(Connection);
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, null));
        }

        _toSkip = PagingParameters.Skip;
        _toWrite = PagingParameters.First;
        WriteVerbose(string.Format(
            CultureInfo.InvariantCulture,
            "Fetching {0:yyyy-MM-dd HH:mm:ss.fff}Z to {1:yyyy-MM-dd HH:mm:ss.fff}Z through {2}.",
            DateTimeOffset.FromUnixTimeMilliseconds(_startMs).UtcDateTime,
            DateTimeOffset.FromUnixTimeMilliseconds(_endMs).UtcDateTime,
            _connection));
    }

    protected override void ProcessRecord()
    {
        if (_stoppedEarly)
        {
            return;
        }

        IReadOnlyList<string?> assets;
        try
        {
            assets = AssetArguments.Normalize(Asset);
        }
        catch (PmInputException e)
        {
            ThrowTerminatingError(ErrorRecords.FromInput(e, Asset));
            return;
        }

        // -First and -Skip together bound what the walk needs; a bound past long.MaxValue is none.
        long? limit = _toWrite > (ulong)long.MaxValue - Math.Min(_toSkip, (ulong)long.MaxValue) ? null : (long)(_toWrite + _toSkip);
        var seen = ConnectionStore.SeenAssets;
        RunPager(_connection!, new PagerRequest<NegativeBalanceInterest>(assets, _startMs, _endMs, limit), page => WritePage(page, seen), assets.Count == 1 ? assets[0] : null);
    }

    protected override void EndProcessing()
    {
        if (PagingParameters.IncludeTotalCount)
        {
            // The total is known only when nothing stopped the walk early.
            WriteObject(PagingParameters.NewTotalCount(_matched, _stoppedEarly ? 0.0 : 1.0));
        }
    }

    /// <summary>Writes a page's records past -Skip and up to -First; false once -First is reached.</summary>
    private bool WritePage(PagerPage<NegativeBalanceInterest> page, ICollection<string> seen)
    {
        foreach (var record in page.Records)
        {
            _matched++;
            if (_toSkip > 0)
            {
                _toSkip--;
                continue;
            }

            if (_toWrite == 0)
            {
                break;
            }

            WriteObject(record);
            _toWrite--;
            if (!seen.Contains(record.Asset))
            {
                seen.Add(record.Asset);
            }
        }

        _stoppedEarly = _toWrite == 0;
        return !_stoppedEarly;
    }
}
