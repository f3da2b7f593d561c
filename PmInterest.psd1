#
# Module manifest for PmInterest.
#
# ModuleVersion is stamped by build.ps1 from <Version> in Directory.Build.props (the one
# version number); the copy in out/PmInterest/ is the one that ships.
#
@{
    RootModule           = 'PmInterest.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '6eba54e1-f6a8-4a1f-9ad7-572db58aece6'
    Author               = 'PmInterest contributors'
    CompanyName          = 'PmInterest contributors'
    Copyright            = '(c) PmInterest contributors. All rights reserved.'
    Description          = 'Reads Binance Portfolio Margin Pro negative-balance interest history and writes it to the PowerShell pipeline as typed objects (asset, interest, daily interest rate and principal as exact decimals, accrual time in UTC). Requests are signed with an HMAC, RSA or Ed25519 API key. Time windows and pages are walked automatically, so any date range can be asked for; the API request-weight limits (including 429 and 418 responses) are respected, and transient network and server failures are retried with backoff. Built for PowerShell 7 and Windows PowerShell 5.1, for interactive use and unattended automation.'
    CompatiblePSEditions = @('Core', 'Desktop')
    PowerShellVersion    = '5.1'
    FormatsToProcess     = @('PmInterest.format.ps1xml')
    CmdletsToExport      = @('Get-PmNegativeBalanceInterest', 'Connect-PmAccount', 'Disconnect-PmAccount')
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Binance', 'PortfolioMargin', 'Interest', 'Finance', 'Treasury', 'Crypto', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ReleaseNotes = 'First release: Get-PmNegativeBalanceInterest, Connect-PmAccount and Disconnect-PmAccount.'
        }
    }
}
