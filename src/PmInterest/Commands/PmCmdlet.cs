using System;
using System.Management.Automation;
using System.Threading;

namespace PmInterest.Commands;

/// <summary>
/// Base of the module's cmdlets: a cancellation token that Ctrl+C (StopProcessing)
/// cancels at once, so a request in flight is abandoned immediately.
/// </summary>
public abstract class PmCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    protected CancellationToken Cancellation => _stopping.Token;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected override void StopProcessing() => _stopping.Cancel();

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stopping.Dispose();
        }
    }
}
