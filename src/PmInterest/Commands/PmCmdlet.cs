using System;
using System.Globalization;
using System.Management.Automation;
using System.Threading;
using PmInterest.Binance;

namespace PmInterest.Commands;

/// <summary>
/// Base of the module's cmdlets: a cancellation token that Ctrl+C (StopProcessing)
/// cancels at once, so a request in flight is abandoned immediately.
/// </summary>
public abstract class PmCmdlet : PSCmdlet, IDisposable
{
    private const int WaitProgressId = 2;
    private const string WaitActivity = "Waiting for Binance";

    private readonly CancellationTokenSource _stopping = new();
    private bool _waitShown;

    protected CancellationToken Cancellation => _stopping.Token;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// Tells what the client says, on the pipeline thread: verbose lines, and waits (weight
    /// limit, 429, backoff) as a child of progress record <paramref name="parentProgressId"/>
    /// with their reason, end and a countdown, so a runbook's log never looks hung. Anything
    /// else ends a wait shown; returns false for it, for the caller to handle.
    /// </summary>
    private protected bool TellClientEvent(object item, int parentProgressId)
    {
        if (_waitShown && item is not WaitEvent)
        {
            // Something arrived, so the wait shown is over.
            WriteProgress(new ProgressRecord(WaitProgressId, WaitActivity, "Done") { ParentActivityId = parentProgressId, RecordType = ProgressRecordType.Completed });
            _waitShown = false;
        }

        switch (item)
        {
            case string line:
                WriteVerbose(line);
                return true;
            case WaitEvent wait:
                WriteVerbose(ClientEventText.Describe(wait));

                // Waiting for the first answer is told on the verbose stream only: it is usually over in a moment.
                if (wait.Reason != WaitReason.FirstAnswer)
                {
                    WriteProgress(new ProgressRecord(WaitProgressId, WaitActivity, ClientEventText.Reason(wait))
                    {
                        ParentActivityId = parentProgressId,
                        CurrentOperation = string.Format(CultureInfo.InvariantCulture, "Resumes at {0:yyyy-MM-dd HH:mm:ss}Z", wait.UntilUtc),
                        SecondsRemaining = (int)Math.Ceiling(wait.Duration.TotalSeconds),
                    });
                    _waitShown = true;
                }

                return true;
            default:
                return false;
        }
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }
}
