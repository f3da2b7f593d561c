namespace PmInterest.Emulator;

/// <summary>The hostile modes' view of a running server: the request log, the redirect listener, and bans and weight set from outside.</summary>
public sealed partial class EmulatorServer
{
    /// <summary>Root of the redirect listener (another port on 127.0.0.1), where redirects point unless <see cref="EmulatorOptions.RedirectTarget"/> says otherwise.</summary>
    public Uri RedirectListenerUri => hostile.Redirects.Address;

    /// <summary>Every request the redirect listener received: the key and signed queries a following client gave away.</summary>
    public IReadOnlyList<RedirectedRequest> RedirectedRequests => hostile.Redirects.Received;

    /// <summary>Every API request in arrival order (not <c>/_emulator/*</c>), with its timestamp parameter, status and times.</summary>
    public IReadOnlyList<LoggedRequest> RequestLog => hostile.Log.Snapshot();

    /// <summary>Bans every IP from now for <paramref name="duration"/> (as <c>POST /_emulator/ban?seconds=N</c>).</summary>
    public void BanAll(TimeSpan duration) => limiter.BanAll(ServerTimeMilliseconds + (long)duration.TotalMilliseconds);

    /// <summary>Spends SAPI weight for "other programs" on the same IP in the current window (as <c>POST /_emulator/spend-weight?weight=N</c>).</summary>
    public void SpendWeight(int weight) => limiter.SpendWeight(weight, ServerTimeMilliseconds);

    private static void ApplyStartState(EmulatorOptions options, WeightLimiter limiter)
    {
        long now = ServerTime(options);
        if (options.BannedAtStart > TimeSpan.Zero)
        {
            limiter.BanAll(now + (long)options.BannedAtStart.TotalMilliseconds);
        }

        if (options.SpentWeightAtStart > 0)
        {
            limiter.SpendWeight(options.SpentWeightAtStart, now);
        }
    }
}
