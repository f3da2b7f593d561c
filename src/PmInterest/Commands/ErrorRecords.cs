using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using PmInterest.Binance;
using PmInterest.Interest;
using PmInterest.Ledger;
using PmInterest.Totals;
using PmInterest.Paging;

namespace PmInterest.Commands;

/// <summary>
/// Every ErrorRecord the module writes, in one place: stable ids (PowerShell appends the
/// cmdlet's type name, giving "Reason,PmInterest.Commands.XxxCommand"), fitting
/// categories, invariant-culture messages and a recommended action for each.
/// </summary>
internal static class ErrorRecords
{
    public static ErrorRecord FromInput(PmInputException e, object? target) =>
        Create(e, e.ErrorId, target, e.RecommendedAction);

    /// <summary>The server broke what paging relies on (the pager's own contract check).</summary>
    public static ErrorRecord PagingFailed(PagerContractException e) =>
        Create(e, ErrorIds.PagingFailed, null, "The server did not answer as Binance documents the endpoint; check that -BaseUri points at the Binance API.");

    /// <param name="accountType">The connection's account type, so that an answer that the account is of another type names the -AccountType to try.</param>
    public static ErrorRecord FromBinance(BinanceApiException e, object? target, AccountType? accountType = null)
    {
        var other = accountType == AccountType.PortfolioMargin ? AccountType.PortfolioMarginPro : AccountType.PortfolioMargin;
        var wrongType = e.BinanceCode == -21001 ? OtherTypeHint(accountType ?? AccountType.PortfolioMarginPro, other) : null;
        var (id, action) = e.Kind switch
        {
            BinanceErrorKind.Authentication => (ErrorIds.BinanceAuthenticationFailed,
                "Check the API key and its secret or private key, that the key may read account data, and that this IP is on the key's allow list." +
                (accountType is AccountType type
                    ? string.Format(CultureInfo.InvariantCulture, " This connection is for a {0} account; if the key belongs to a {1} account, connect with -AccountType {1}.", type, other)
                    : string.Empty)),
            BinanceErrorKind.NotPermitted => (ErrorIds.BinanceNotPermitted,
                wrongType ?? "Binance refused access (HTTP 403 is a firewall block); check the key's permissions and try again later."),
            BinanceErrorKind.Timestamp => (ErrorIds.BinanceTimestampRejected,
                "The request time stayed outside recvWindow after the clock was measured; synchronise this machine's clock or connect with a larger -RecvWindow (at most 60000)."),
            BinanceErrorKind.InvalidParameter => (ErrorIds.BinanceInvalidParameter,
                "Binance refused a parameter; check -Asset, -StartTime and -EndTime."),
            BinanceErrorKind.RateLimited when e.Remembered => (ErrorIds.BinanceRateLimited,
                "Wait until the time in the message. If you know the host no longer refuses (the wait is over, or the answer was not Binance's), run Disconnect-PmAccount -ForgetRefusals, connect again and run the command again."),
            BinanceErrorKind.RateLimited => (ErrorIds.BinanceRateLimited,
                "Too much request weight is used from this IP; wait a minute, or connect with a lower -WeightLimit when other programs share the IP."),
            BinanceErrorKind.Banned => (ErrorIds.BinanceIpBanned,
                string.Format(CultureInfo.InvariantCulture, "Send nothing from this IP until {0:yyyy-MM-dd HH:mm:ss} UTC; then lower -WeightLimit or stop other programs that use the same IP.", e.BannedUntil ?? DateTime.UtcNow) +
                (e.Remembered ? " If you know the ban is over, run Disconnect-PmAccount -ForgetRefusals and connect again." : string.Empty)),
            BinanceErrorKind.Unavailable => (ErrorIds.BinanceUnavailable,
                "Binance could not be reached or kept failing after every retry; check the network and -BaseUri, then run the command again."),
            BinanceErrorKind.Protocol => (ErrorIds.BinanceProtocolError,
                "The answer was not what Binance sends; check that -BaseUri points at the Binance API."),
            BinanceErrorKind.CertificateNotTrusted => (ErrorIds.BinanceCertificateNotTrusted,
                "This computer does not trust the server's certificate (the message names its subject and why); check -BaseUri, and whether a proxy or firewall that inspects TLS stands in between. An untrusted certificate is never accepted."),
            BinanceErrorKind.TlsHandshakeFailed => (ErrorIds.BinanceTlsHandshakeFailed,
                "Check the scheme and port of -BaseUri: https:// to a server that speaks plain http fails this way; check too that TLS 1.2 or later is allowed on this computer."),
            BinanceErrorKind.HostNotFound => (ErrorIds.BinanceHostNotFound,
                "Check the host name in -BaseUri (or the environment variable that set it) and this computer's DNS; the request was not retried."),
            BinanceErrorKind.ProxyFailed => (ErrorIds.BinanceProxyFailed,
                "Check that the proxy runs and accepts this computer, and the proxy settings (HTTPS_PROXY, HTTP_PROXY and NO_PROXY, or the system's); the request was not retried."),
            _ => (ErrorIds.BinanceRequestFailed,
                "Read Binance's code and message in the error; see the README's table of error ids."),
        };
        return Create(e, id, target, action, wrongType is null ? null : e.Message + " " + wrongType);
    }

    /// <summary>The key checked at connect works but may not read account data.</summary>
    public static ErrorRecord KeyCannotRead(object? target) =>
        Create(
            new PSInvalidOperationException("Binance says this API key may not read (enableReading is false), so it cannot fetch interest history."),
            ErrorIds.BinanceNotPermitted,
            target,
            "Enable 'Enable Reading' for the key in Binance's API management, or use a key that has it.");

    /// <summary>A ledger that is locked, not a ledger, or cannot be read (Import) or written (Export).</summary>
    public static ErrorRecord FromLedger(LedgerException e, object? target, bool reading = false) => e switch
    {
        LedgerLockedException => Create(e, ErrorIds.LedgerLocked, target,
            "Another run is bringing this ledger up to date; let it finish, or give -LockTimeoutSec a longer wait."),
        LedgerFormatException => Create(e, ErrorIds.LedgerInvalid, target,
            "Give the path of a ledger written by Export-PmNegativeBalanceInterest, or a new file; this file was left as it is."),
        _ when reading => Create(e, ErrorIds.LedgerReadFailed, target,
            "Check that the path names a file this account may read."),
        _ => Create(e, ErrorIds.LedgerWriteFailed, target,
            "Check that the folder exists and the file may be written; the rows already in the ledger are whole and the next run goes on from them."),
    };

    /// <summary>
    /// A page from Binance holds a second record for an asset and instant (or another amount for
    /// a row the ledger holds): Binance never sends that, so the answer is not to be trusted.
    /// </summary>
    public static ErrorRecord KeyConflictFromBinance(LedgerKeyConflictException e, object? target) =>
        Create(
            e,
            ErrorIds.BinanceProtocolError,
            target,
            e.HeldBeforeThisRun
                ? "Binance now reports other amounts for a row the ledger holds; the ledger was left as it is. Check that -BaseUri points at the Binance API, and compare with Binance's own export for that instant."
                : "Binance sends one record per asset and instant; check that -BaseUri points at the Binance API. The ledger keeps the whole rows written before this page, and the next run goes on from them.");

    /// <summary>
    /// Something other than an interest record reached Measure-PmNegativeBalanceInterest; written
    /// once per run, however many such objects follow.
    /// </summary>
    public static ErrorRecord NotARecord(PSObject input, string? problem)
    {
        var e = new PSArgumentException(string.Format(
            CultureInfo.InvariantCulture,
            "A {0} is not a PmInterest.NegativeBalanceInterest record{1}; it was not totalled, and neither is any other such object in this pipeline.",
            input.BaseObject?.GetType().FullName ?? "null",
            problem is null ? string.Empty : " (" + problem + ")"));
        return Create(e, ErrorIds.NotAnInterestRecord, input, "Read a ledger with Import-PmNegativeBalanceInterest (Import-Csv gives text, which is totalled only when every field is in the ledger's own form), or pipe the output of Get-PmNegativeBalanceInterest.");
    }

    /// <summary>Something other than an interest record reached Add-PmInterestValue.</summary>
    public static ErrorRecord NotARecordToValue(PSObject input)
    {
        var e = new PSArgumentException(string.Format(
            CultureInfo.InvariantCulture,
            "A {0} is not a PmInterest.NegativeBalanceInterest record; it was not valued.",
            input.BaseObject?.GetType().FullName ?? "null"));
        return Create(e, ErrorIds.NotAnInterestRecord, input, "Pipe the output of Get-, Import- or Export-PmNegativeBalanceInterest -PassThru (Import-Csv gives text, not records).");
    }

    /// <summary>No route of the price rule has a kline at the record's minute: the record is written without a price, and this says so.</summary>
    public static ErrorRecord PriceNotFound(ValuedInterest record)
    {
        var e = new ItemNotFoundException(string.Format(
            CultureInfo.InvariantCulture,
            "No price of {0} in {1} at {2:yyyy-MM-dd HH:mm:ss.fff}Z: {3}. The record is written without Price and Value.",
            record.Asset,
            record.Quote,
            record.InterestAccruedTime,
            record.MissingPrice));
        return Create(e, ErrorIds.PriceNotFound, record,
            "A symbol has no klines before its listing or after its delisting: value this record by hand, or choose a -Quote the asset traded in then. Totals of Measure-PmNegativeBalanceInterest that include it have no Value.");
    }

    /// <summary>Measure-PmNegativeBalanceInterest got records valued in different quotes (or valued and not valued ones), which make no one amount.</summary>
    public static ErrorRecord MixedQuotes(string first, string other, object? target)
    {
        var e = new PSArgumentException(string.Format(
            CultureInfo.InvariantCulture,
            "Records valued in {0} and records {1} cannot be totalled together: their values are not one amount.",
            first,
            other));
        return Create(e, ErrorIds.MixedQuotes, target, "Total the records of one Add-PmInterestValue -Quote at a time, for example one Measure-PmNegativeBalanceInterest per quote.");
    }

    /// <summary>A market data request refused or failed: the id of the Binance error, with advice about public market data.</summary>
    public static ErrorRecord FromMarketData(BinanceApiException e, object? target)
    {
        var record = FromBinance(e, target);
        var action = e.Kind switch
        {
            BinanceErrorKind.Authentication or BinanceErrorKind.NotPermitted =>
                "Market data needs no key and none was sent; check that -BaseUri (or PMINTEREST_MARKET_BASE_URI) is a Binance spot API host such as https://api.binance.com, and that this IP may reach it.",
            BinanceErrorKind.InvalidParameter =>
                "Binance refused a market data parameter; check -Quote and that -BaseUri is a Binance spot API host.",
            BinanceErrorKind.RateLimited =>
                "Too much request weight is used from this IP on the spot /api pool; wait a minute, or value fewer records at a time when other programs share the IP.",
            BinanceErrorKind.Protocol =>
                "The answer was not what Binance sends; check that -BaseUri (or PMINTEREST_MARKET_BASE_URI) points at a Binance spot API host.",
            _ => null,
        };
        if (action is not null)
        {
            record.ErrorDetails.RecommendedAction = action;
        }

        return record;
    }

    /// <summary>A total that a decimal cannot hold exactly.</summary>
    public static ErrorRecord TotalOverflow(InterestTotalOverflowException e) =>
        Create(e, ErrorIds.TotalOverflow, null, "Total fewer records at a time, for example with -By Asset, Month.");

    public static ErrorRecord TieOverflow(PagerTieOverflow o)
    {
        string message;
        string action;
        if (o.Asset is not null)
        {
            message = string.Format(
                CultureInfo.InvariantCulture,
                "More than {0} {1} records share the instant {2:yyyy-MM-dd HH:mm:ss.fff}Z; {3} were fetched, and Binance offers no way to reach the rest.",
                o.PageSize,
                o.Asset,
                o.Instant,
                o.RecordsFetched);
            action = "Compare with Binance's own export for this instant; the records listed here are correct but may be incomplete.";
        }
        else
        {
            message = string.Format(
                CultureInfo.InvariantCulture,
                "More than {0} records share the instant {1:yyyy-MM-dd HH:mm:ss.fff}Z. The query was split by the {2} assets seen in the range ({3}) and {4} records were fetched there; records of assets that appear nowhere else in the range may be missing at this instant.",
                o.PageSize,
                o.Instant,
                o.AssetsQueried.Count,
                string.Join(", ", o.AssetsQueried.Take(20)) + (o.AssetsQueried.Count > 20 ? ", ..." : string.Empty),
                o.RecordsFetched);
            action = "If the account has assets that accrued interest only at this instant, run the command again for it with -Asset naming them.";
        }

        return Create(new TieExceedsPageException(message), ErrorIds.TieExceedsPage, o.Instant, action);
    }

    private static string OtherTypeHint(AccountType asked, AccountType other) =>
        string.Format(CultureInfo.InvariantCulture, "Binance says the account is not a {0} account; if it is a {1} account, connect with Connect-PmAccount -AccountType {1}.", asked, other);

    private static ErrorRecord Create(Exception e, string id, object? target, string action, string? message = null)
    {
        var record = new ErrorRecord(e, id, ErrorIds.CategoryOf(id), target)
        {
            ErrorDetails = new ErrorDetails(message ?? e.Message) { RecommendedAction = action },
        };
        return record;
    }
}
