using System;

namespace PmInterest.Binance;

/// <summary>
/// One request's reserved weight, from <see cref="WeightGovernor"/> admission to its answer.
/// Disposing it without an answer (cancelled, failed before sending) frees the host for the
/// next first request when this one was it.
/// </summary>
internal sealed class WeightTicket : IDisposable
{
    private readonly WeightGovernor _governor;

    internal WeightTicket(WeightGovernor governor, int weight, long windowIndex, bool carried)
    {
        _governor = governor;
        Weight = weight;
        WindowIndex = windowIndex;
        Carried = carried;
    }

    public int Weight { get; }

    /// <summary>The weight window the weight was counted in.</summary>
    public long WindowIndex { get; }

    /// <summary>True when the weight was also counted in the next window (sent at a window's end).</summary>
    public bool Carried { get; }

    /// <summary>True once the governor has heard how this request ended (answer, no answer, or given back).</summary>
    public bool Settled { get; set; }

    /// <summary>True while the weight counts as in flight: granted and not yet settled.</summary>
    public bool InFlight { get; set; }

    /// <summary>The server time the request was stamped with for sending; 0 until then.</summary>
    public long StampedMs { get; set; }

    public void Dispose() => _governor.NoAnswer(this);
}
