using System;

namespace PmInterest.Binance.Signing;

/// <summary>A private key that cannot be used; the message says what to change.</summary>
internal sealed class PrivateKeyException : Exception
{
    public PrivateKeyException()
    {
    }

    public PrivateKeyException(string message)
        : base(message)
    {
    }

    public PrivateKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
