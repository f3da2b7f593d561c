using System.Collections.Generic;
using System.Management.Automation;

namespace PmInterest.Commands;

/// <summary>
/// Every error id the module writes, with its category: the one list that ErrorRecords,
/// the input checks and the documentation (README, about_PmInterest, MAML help) follow. A test
/// compares each document's table with <see cref="All"/>, so they cannot drift apart.
/// </summary>
internal static class ErrorIds
{
    public const string NoCredentials = nameof(NoCredentials);
    public const string EmptyApiSecret = nameof(EmptyApiSecret);
    public const string PrivateKeyNotFound = nameof(PrivateKeyNotFound);
    public const string PrivateKeyInvalid = nameof(PrivateKeyInvalid);
    public const string ModuleIncomplete = nameof(ModuleIncomplete);
    public const string InvalidBaseUri = nameof(InvalidBaseUri);
    public const string InvalidAccountType = nameof(InvalidAccountType);
    public const string InvalidWeightLimit = nameof(InvalidWeightLimit);
    public const string InvalidTimeRange = nameof(InvalidTimeRange);
    public const string InvalidAsset = nameof(InvalidAsset);
    public const string InvalidWatermark = nameof(InvalidWatermark);
    public const string BinanceAuthenticationFailed = nameof(BinanceAuthenticationFailed);
    public const string BinanceNotPermitted = nameof(BinanceNotPermitted);
    public const string BinanceTimestampRejected = nameof(BinanceTimestampRejected);
    public const string BinanceInvalidParameter = nameof(BinanceInvalidParameter);
    public const string BinanceRateLimited = nameof(BinanceRateLimited);
    public const string BinanceIpBanned = nameof(BinanceIpBanned);
    public const string BinanceUnavailable = nameof(BinanceUnavailable);
    public const string BinanceCertificateNotTrusted = nameof(BinanceCertificateNotTrusted);
    public const string BinanceTlsHandshakeFailed = nameof(BinanceTlsHandshakeFailed);
    public const string BinanceHostNotFound = nameof(BinanceHostNotFound);
    public const string BinanceProxyFailed = nameof(BinanceProxyFailed);
    public const string BinanceProtocolError = nameof(BinanceProtocolError);
    public const string BinanceRequestFailed = nameof(BinanceRequestFailed);
    public const string TieExceedsPage = nameof(TieExceedsPage);
    public const string PagingFailed = nameof(PagingFailed);
    public const string LedgerLocked = nameof(LedgerLocked);
    public const string LedgerInvalid = nameof(LedgerInvalid);
    public const string LedgerScopeMismatch = nameof(LedgerScopeMismatch);
    public const string LedgerNotFound = nameof(LedgerNotFound);
    public const string LedgerReadFailed = nameof(LedgerReadFailed);
    public const string LedgerWriteFailed = nameof(LedgerWriteFailed);
    public const string TotalOverflow = nameof(TotalOverflow);
    public const string NotAnInterestRecord = nameof(NotAnInterestRecord);
    public const string PriceNotFound = nameof(PriceNotFound);
    public const string MixedQuotes = nameof(MixedQuotes);

    /// <summary>Every id with its category, in the order the documentation lists them.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, ErrorCategory>> All = new[]
    {
        Entry(NoCredentials, ErrorCategory.AuthenticationError),
        Entry(EmptyApiSecret, ErrorCategory.InvalidArgument),
        Entry(PrivateKeyNotFound, ErrorCategory.ObjectNotFound),
        Entry(PrivateKeyInvalid, ErrorCategory.InvalidData),
        Entry(ModuleIncomplete, ErrorCategory.NotInstalled),
        Entry(InvalidBaseUri, ErrorCategory.InvalidArgument),
        Entry(InvalidAccountType, ErrorCategory.InvalidArgument),
        Entry(InvalidWeightLimit, ErrorCategory.InvalidArgument),
        Entry(InvalidTimeRange, ErrorCategory.InvalidArgument),
        Entry(InvalidAsset, ErrorCategory.InvalidArgument),
        Entry(InvalidWatermark, ErrorCategory.InvalidArgument),
        Entry(BinanceAuthenticationFailed, ErrorCategory.AuthenticationError),
        Entry(BinanceNotPermitted, ErrorCategory.PermissionDenied),
        Entry(BinanceTimestampRejected, ErrorCategory.InvalidOperation),
        Entry(BinanceInvalidParameter, ErrorCategory.InvalidArgument),
        Entry(BinanceRateLimited, ErrorCategory.LimitsExceeded),
        Entry(BinanceIpBanned, ErrorCategory.LimitsExceeded),
        Entry(BinanceUnavailable, ErrorCategory.ConnectionError),
        Entry(BinanceCertificateNotTrusted, ErrorCategory.SecurityError),
        Entry(BinanceTlsHandshakeFailed, ErrorCategory.ConnectionError),
        Entry(BinanceHostNotFound, ErrorCategory.ConnectionError),
        Entry(BinanceProxyFailed, ErrorCategory.ConnectionError),
        Entry(BinanceProtocolError, ErrorCategory.ProtocolError),
        Entry(BinanceRequestFailed, ErrorCategory.NotSpecified),
        Entry(TieExceedsPage, ErrorCategory.LimitsExceeded),
        Entry(PagingFailed, ErrorCategory.InvalidResult),
        Entry(LedgerLocked, ErrorCategory.ResourceBusy),
        Entry(LedgerInvalid, ErrorCategory.InvalidData),
        Entry(LedgerScopeMismatch, ErrorCategory.InvalidArgument),
        Entry(LedgerNotFound, ErrorCategory.ObjectNotFound),
        Entry(LedgerReadFailed, ErrorCategory.ReadError),
        Entry(LedgerWriteFailed, ErrorCategory.WriteError),
        Entry(TotalOverflow, ErrorCategory.LimitsExceeded),
        Entry(NotAnInterestRecord, ErrorCategory.InvalidType),
        Entry(PriceNotFound, ErrorCategory.ObjectNotFound),
        Entry(MixedQuotes, ErrorCategory.InvalidData),
    };

    private static readonly Dictionary<string, ErrorCategory> Categories = BuildCategories();

    /// <summary>The category documented for <paramref name="id"/>.</summary>
    public static ErrorCategory CategoryOf(string id) => Categories[id];

    private static KeyValuePair<string, ErrorCategory> Entry(string id, ErrorCategory category) => new(id, category);

    private static Dictionary<string, ErrorCategory> BuildCategories()
    {
        var map = new Dictionary<string, ErrorCategory>();
        foreach (var pair in All)
        {
            map.Add(pair.Key, pair.Value);
        }

        return map;
    }
}
