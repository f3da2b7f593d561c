using System;

namespace PmInterest.Binance.Signing;

/// <summary>
/// Signs the query text of a request. Implementations hold key material privately,
/// never expose it through members or ToString, and are safe to call from several
/// threads at once.
/// </summary>
internal interface IRequestSigner : IDisposable
{
    KeyType KeyType { get; }

    /// <summary>Returns the value of the <c>signature</c> parameter, not yet percent-encoded.</summary>
    string Sign(string payload);
}
