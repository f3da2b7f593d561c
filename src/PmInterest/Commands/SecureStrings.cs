using System;
using System.Runtime.InteropServices;
using System.Security;
using PmInterest.Binance.Signing;

namespace PmInterest.Commands;

/// <summary>Brief, zeroed conversions out of SecureString for the signers.</summary>
internal static class SecureStrings
{
    /// <summary>The characters of <paramref name="value"/> in a pinned array; disposing it clears them.</summary>
    public static PinnedSecret<char> ToChars(SecureString value)
    {
        var chars = new PinnedSecret<char>(value.Length);
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
            Marshal.Copy(pointer, chars.Array, 0, chars.Length);
            return chars;
        }
        catch
        {
            chars.Dispose();
            throw;
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }
}
