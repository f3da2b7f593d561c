using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace PmInterest.Binance;

/// <summary>
/// Watches the platform's validation of the server certificate to say why a TLS connection was
/// refused: the certificate's subject and what failed. It decides nothing itself: a certificate
/// passes exactly when the platform's own validation found no error.
/// </summary>
internal sealed class CertificateCheck
{
    private const int MaxSubjectLength = 160;

    private string? _refusal;

    /// <summary>Why the last certificate of this connection's host was refused, or null once one passes.</summary>
    public string? Refusal => Volatile.Read(ref _refusal);

    /// <summary>Watches <paramref name="handler"/>'s validation, unless it has a callback of its own.</summary>
    public void Attach(HttpClientHandler handler)
    {
        try
        {
            if (handler.ServerCertificateCustomValidationCallback is null)
            {
                handler.ServerCertificateCustomValidationCallback = Validate;
            }
        }
        catch (PlatformNotSupportedException)
        {
            // .NET Framework before 4.7.1: the platform validates alone, and only its verdict is known.
        }
    }

    /// <summary>The text of a refusal: whose certificate, its subject and what failed.</summary>
    internal static string Describe(string host, string? subject, SslPolicyErrors errors, string? chainStatus)
    {
        var reasons = new System.Collections.Generic.List<string>();
        if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            reasons.Add("the server sent no certificate");
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            reasons.Add("it is not issued for " + host);
        }

        if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            reasons.Add("its chain does not lead to a trusted root" + (string.IsNullOrEmpty(chainStatus) ? string.Empty : " (" + chainStatus + ")"));
        }

        var shown = subject is null ? "no subject" : "subject '" + Shorten(subject) + "'";
        return string.Format(CultureInfo.InvariantCulture, "certificate not trusted: the certificate of {0} ({1}) failed validation: {2}", host, shown, string.Join("; ", reasons));
    }

    private bool Validate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            Volatile.Write(ref _refusal, null);
            return true;
        }

        // The chain is only valid during the callback, so what it says is read now.
        var status = chain is null
            ? null
            : string.Join(", ", chain.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct().Select(s => s.ToString()));
        Volatile.Write(ref _refusal, Describe(request.RequestUri?.Host ?? "the host", certificate?.Subject, errors, status));
        return false;
    }

    private static string Shorten(string subject) =>
        subject.Length <= MaxSubjectLength ? subject : subject.Substring(0, MaxSubjectLength) + "...";
}
