using System.Runtime.InteropServices;

namespace PmInterest.Binance.Json;

/// <summary>
/// The scale of a decimal without decimal.GetBits, which allocates an array on every call on
/// netstandard2.0; records are compared often enough at ties for that to matter. Both .NET
/// Framework and .NET keep the flags (sign and scale) in the first four bytes of a decimal; a
/// test holds this against GetBits.
/// </summary>
internal static class DecimalScale
{
    public static int Of(decimal value) => (new Overlay { Value = value }.Flags >> 16) & 0xFF;

    /// <summary>True when both print the same invariant text: the same value and the same scale.</summary>
    public static bool SameText(decimal a, decimal b) => a == b && Of(a) == Of(b);

    [StructLayout(LayoutKind.Explicit)]
    private struct Overlay
    {
        [FieldOffset(0)]
        public decimal Value;

        [FieldOffset(0)]
        public int Flags;
    }
}
