using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace PmInterest.Binance;

/// <summary>
/// A weight pool's used-weight header as the answer gave it: absent, a figure, or unreadable
/// (negative, not a whole number, more digits than an int holds). The governor takes an
/// unreadable figure as "the window is full", so no header can switch pacing off.
/// </summary>
internal readonly struct UsedWeight
{
    private UsedWeight(int? figure, bool unreadable)
    {
        Figure = figure;
        Unreadable = unreadable;
    }

    /// <summary>The weight the server reports used in the window, 0..int.MaxValue; null when absent or unreadable.</summary>
    public int? Figure { get; }

    /// <summary>True when the header is there but holds no figure the client can believe.</summary>
    public bool Unreadable { get; }

    public static UsedWeight Absent => default;

    public static UsedWeight Of(int? figure) => figure is < 0 ? new UsedWeight(null, true) : new UsedWeight(figure, false);

    public static UsedWeight Read(HttpResponseMessage response, string header)
    {
        if (!response.Headers.TryGetValues(header, out var values))
        {
            return Absent;
        }

        var text = values.FirstOrDefault()?.Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var used)
            ? new UsedWeight(used, false)
            : new UsedWeight(null, true);
    }
}
