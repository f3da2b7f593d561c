#
# Module manifest for PmInterest: the data the release manifest is made from.
#
# build.ps1 writes out/PmInterest/PmInterest.psd1 with New-ModuleManifest from these keys (and
# PrivateData.PSData), adding ModuleVersion (and Prerelease) from <Version> in
# Directory.Build.props, the one version number. So there is no ModuleVersion here; any key
# New-ModuleManifest knows may be added.
#
@{
    RootModule             = 'PmInterest.dll'
    GUID                   = '6eba54e1-f6a8-4a1f-9ad7-572db58aece6'
    Author                 = 'PmInterest contributors'
    CompanyName            = 'PmInterest contributors'
    Copyright              = 'Copyright (c) PmInterest contributors. Licensed under the MIT License; see the LICENSE file in the module folder.'
    Description            = 'Reads Binance Portfolio Margin Pro negative-balance interest history and writes it to the PowerShell pipeline as typed objects (asset, interest, daily interest rate and principal as exact decimals, accrual time in UTC). Requests are signed with an HMAC, RSA or Ed25519 API key. Time windows and pages are walked automatically, so any date range can be asked for; the API request-weight limits (including 429 and 418 responses) are respected, and transient network and server failures are retried with backoff. Add-PmInterestValue values the records in a quote currency (USDT, EUR, ...) at their accrual time from the public spot klines of Binance, exactly and with the fewest requests. Built for PowerShell 7 and Windows PowerShell 5.1, for interactive use and unattended automation.'
    CompatiblePSEditions   = @('Core', 'Desktop')
    PowerShellVersion      = '5.1'
    # Windows PowerShell 5.1 only (PowerShell 7 ignores it): a netstandard2.0 assembly needs
    # .NET Framework 4.7.2 or later to load without extra facade assemblies.
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('PmInterest.format.ps1xml')
    CmdletsToExport        = @(
        'Get-PmNegativeBalanceInterest', 'Export-PmNegativeBalanceInterest', 'Import-PmNegativeBalanceInterest', 'Measure-PmNegativeBalanceInterest',
        'Add-PmInterestValue', 'Connect-PmAccount', 'Get-PmConnection', 'Disconnect-PmAccount'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags                     = @('Binance', 'PortfolioMargin', 'Interest', 'Finance', 'Treasury', 'Crypto', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            RequireLicenseAcceptance = $false
            ReleaseNotes             = 'First release. Get-PmNegativeBalanceInterest streams negative-balance interest records for any date range, every record once, newest first. Export-PmNegativeBalanceInterest keeps an exact, crash-safe ledger file up to date (or resumes after a watermark); Import-PmNegativeBalanceInterest reads it back in any culture; Measure-PmNegativeBalanceInterest totals exactly per asset, day, month or year; Add-PmInterestValue values records in a quote currency at their accrual time (public market data: no key, no signature), and Measure totals those values too. Connect-PmAccount takes HMAC, RSA and Ed25519 keys and checks the key with one request; Get-PmConnection shows the connection and what the module learned about the host. Redirects are never followed, answers are bounded, waits are shown. RSA and Ed25519 key support (BouncyCastle) ships in the dependencies folder and loads, on PowerShell 7, in the module''s own assembly load context, so other modules'' BouncyCastle versions cannot clash with it.'
        }
    }
}
