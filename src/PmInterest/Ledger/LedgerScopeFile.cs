using System;
using System.IO;
using System.Security;
using System.Text;

namespace PmInterest.Ledger;

/// <summary>
/// The scope of a ledger, kept in a small file beside it (<c>&lt;ledger&gt;.scope</c>, one line
/// such as <c>PortfolioMarginPro;*</c>), because the ledger's own format is fixed. Written
/// crash-safely: a temporary file is flushed to disk and then renamed over the old one, so the
/// file is always whole, old or new.
/// </summary>
internal static class LedgerScopeFile
{
    public const string Extension = ".scope";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Longer than any scope text: a foreign file is not read whole.</summary>
    private const int MaxBytes = 4096;

    public static string PathFor(string ledgerPath) => ledgerPath + Extension;

    /// <summary>The scope kept beside <paramref name="ledgerPath"/>, or null when there is no scope file.</summary>
    public static LedgerScope? Read(string ledgerPath)
    {
        var path = PathFor(ledgerPath);
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var bytes = new byte[MaxBytes];
            var count = 0;
            int read;
            while (count < bytes.Length && (read = stream.Read(bytes, count, bytes.Length - count)) > 0)
            {
                count += read;
            }

            text = Utf8.GetString(bytes, 0, count).Trim('\uFEFF', ' ', '\t', '\r', '\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException)
        {
            throw LedgerFileAccess.Unusable(path, e, writing: false);
        }

        if (!LedgerScope.TryParse(text, out var scope))
        {
            throw new LedgerFormatException(
                "'" + path + "' does not hold the scope of the ledger beside it: " + LedgerFormat.Quote(text) +
                " is not '<AccountType>;<assets>' (for example 'PortfolioMarginPro;*' or 'PortfolioMargin;BTC,ETH'). The ledger and this file were left untouched; repair or delete the scope file (a run then adopts its own scope).",
                path);
        }

        return scope;
    }

    /// <summary>Writes <paramref name="scope"/> beside <paramref name="ledgerPath"/>, replacing what was there.</summary>
    public static void Write(string ledgerPath, LedgerScope scope)
    {
        var path = PathFor(ledgerPath);
        var temporary = path + ".tmp";
        try
        {
            var bytes = Utf8.GetBytes(scope + "\n");
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1))
            {
                stream.Write(bytes, 0, bytes.Length);
                stream.Flush(flushToDisk: true);
            }

            if (File.Exists(path))
            {
                File.Replace(temporary, path, destinationBackupFileName: null);
            }
            else
            {
                File.Move(temporary, path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SecurityException or NotSupportedException)
        {
            TryDelete(temporary);
            throw LedgerFileAccess.Unusable(path, e, writing: true);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The temporary file is overwritten by the next write.
        }
    }
}
