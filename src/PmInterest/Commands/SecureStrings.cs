using System;
using System.Runtime.InteropServices;
using System.Security;
using System.Text;

namespace PmInterest.Commands;

/// <summary>Brief, zeroed conversions out of SecureString for the signers.</summary>
internal static class SecureStrings
{
    public static char[] ToChars(SecureString value)
    {
        var pointer = IntPtr.Zero;
        try
        {
            pointer = Marshal.SecureStringToGlobalAllocUnicode(value);
            var chars = new char[value.Length];
            Marshal.Copy(pointer, chars, 0, chars.Length);
            return chars;
        }
        finally
        {
            if (pointer != IntPtr.Zero)
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }
    }

    public static byte[] ToUtf8(char[] chars)
    {
        try
        {
            return Encoding.UTF8.GetBytes(chars);
        }
        finally
        {
            Array.Clear(chars, 0, chars.Length);
        }
    }
}
