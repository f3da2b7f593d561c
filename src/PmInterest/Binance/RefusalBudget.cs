using System;
using System.Globalization;

namespace PmInterest.Binance;

/// <summary>
/// How much refusing (HTTP 429) one run puts up with before it stops: refusals in a row and the
/// time held by refusals, bounded by <see cref="BinanceClientOptions.MaxRefusalsInARow"/> and
/// <see cref="BinanceClientOptions.MaxRefusalWaitPerRun"/>. A run is one command's walk, shared by
/// its concurrent requests. A refusal of a request sent before the previous refusal was known is
/// not counted again: it could not have known. Times are server milliseconds.
/// </summary>
internal sealed class RefusalBudget
{
    private readonly object _gate = new();
    private readonly int _maxInARow;
    private readonly TimeSpan _maxHeld;
    private int _inARow;
    private int _refusals;
    private long _lastCountedMs = long.MinValue;
    private long _heldMs;
    private long _heldUntilMs = long.MinValue;
    private int? _code;
    private string? _message;
    private string? _stoppedAt;

    public RefusalBudget(int maxInARow, TimeSpan maxHeld)
    {
        _maxInARow = Math.Max(1, maxInARow);
        _maxHeld = maxHeld;
    }

    /// <summary>True once a request of this run was answered 429.</summary>
    public bool Met
    {
        get
        {
            lock (_gate)
            {
                return _refusals > 0;
            }
        }
    }

    /// <summary>Binance's code and message of the last 429 the run met.</summary>
    public (int? Code, string Message) LastRefusal
    {
        get
        {
            lock (_gate)
            {
                return (_code, _message ?? string.Empty);
            }
        }
    }

    /// <summary>A 429 answered to a request of the run sent at <paramref name="sentMs"/>; the exception to stop with once too many came in a row.</summary>
    public BinanceApiException? Refused(string path, int? code, string message, long sentMs, long nowMs)
    {
        lock (_gate)
        {
            if (_stoppedAt is not null)
            {
                return Stop();
            }

            _refusals++;
            _code = code;
            _message = message;
            if (sentMs >= _lastCountedMs)
            {
                _inARow++;
                _lastCountedMs = nowMs;
            }

            if (_inARow >= _maxInARow)
            {
                _stoppedAt = path;
                return Stop();
            }

            return null;
        }
    }

    /// <summary>An answer other than 429 to a request of the run sent at <paramref name="sentMs"/>: refusals in a row start again.</summary>
    public void Answered(long sentMs)
    {
        lock (_gate)
        {
            if (sentMs >= _lastCountedMs)
            {
                _inARow = 0;
            }
        }
    }

    /// <summary>The run is about to wait for a 429 until <paramref name="untilMs"/>; the exception to stop with when the run's waits would pass the bound.</summary>
    public BinanceApiException? Hold(string path, long nowMs, long untilMs)
    {
        lock (_gate)
        {
            if (_stoppedAt is not null)
            {
                return Stop();
            }

            // Concurrent requests wait out the same refusal: only the time not yet counted adds up.
            var from = Math.Max(nowMs, _heldUntilMs);
            var held = _heldMs + Math.Max(0, untilMs - from);
            if (held > (long)_maxHeld.TotalMilliseconds)
            {
                _stoppedAt = path;
                return Stop();
            }

            _heldMs = held;
            _heldUntilMs = Math.Max(_heldUntilMs, untilMs);
            return null;
        }
    }

    /// <summary>The exception every request of the run stops with once the run has stopped, else null.</summary>
    public BinanceApiException? Stopped
    {
        get
        {
            lock (_gate)
            {
                return _stoppedAt is null ? null : Stop();
            }
        }
    }

    /// <summary>What Binance last said, how often and how long it held the run, and the bounds (called under the lock).</summary>
    private BinanceApiException Stop()
    {
        var note = string.Format(
            CultureInfo.InvariantCulture,
            "The run stopped after {0} refusal(s) (HTTP 429), {1} in a row, and {2:0} s held by refusals; one run allows {3} in a row and {4:0} s.",
            _refusals,
            _inARow,
            _heldMs / 1000.0,
            _maxInARow,
            _maxHeld.TotalSeconds);
        return _refusals > 0
            ? new BinanceApiException(BinanceErrorKind.RateLimited, 429, _code, _message ?? string.Empty, _stoppedAt!, note: note)
            : new BinanceApiException(BinanceErrorKind.RateLimited, 0, null, "Requests to this host were held by refusals (HTTP 429) answered to earlier requests.", _stoppedAt!, note: note);
    }
}
