<#
.SYNOPSIS
    The README's main job: a year of Portfolio Margin Pro interest through the module, against
    the local emulator, as a treasury runbook would run it against Binance.
.DESCRIPTION
    Run through the build (it builds first and passes the paths in):
        dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo
    Starts the emulator with a year of generated history and Binance's default weight limit,
    connects with an HMAC key, fetches the year, shows it, totals it per asset, exports it to
    CSV, reports the requests made against the fewest possible, and stops the emulator.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = $env:PMINTEREST_MODULE_PATH,
    [string] $EmulatorDll = $env:PMINTEREST_EMULATOR_DLL,
    [string] $OutputDirectory = (Join-Path (Split-Path -Parent $PSScriptRoot) 'out/demo')
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
Import-Module $ModulePath -Force

function Show([string] $Title) { "`n=== $Title ===" | Out-Host }

$emulator = Start-PmEmulator -EmulatorDll $EmulatorDll -ArgumentList '--seed', '2026', '--days', '365'
try {
    Show "Emulator listening at $($emulator.Url) with a year of generated interest history"

    # In a real runbook: Connect-PmAccount -Credential (Get-AutomationPSCredential -Name 'Binance')
    $hmac = Get-Content -LiteralPath (Join-Path $emulator.KeyDir 'hmac.json') -Raw | ConvertFrom-Json
    $secret = ConvertTo-SecureString -String $hmac.secret -AsPlainText -Force
    $connection = Connect-PmAccount -ApiKey $hmac.apiKey -ApiSecret $secret -BaseUri $emulator.Url -PassThru
    $connection | Format-Table | Out-Host

    $end = [datetime]::UtcNow
    $start = $end.AddDays(-365)
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $year = @(Get-PmNegativeBalanceInterest -StartTime $start -EndTime $end)
    $watch.Stop()
    Show ("{0:N0} records from {1:yyyy-MM-dd} to {2:yyyy-MM-dd} UTC in {3:N1} s" -f $year.Count, $start, $end, $watch.Elapsed.TotalSeconds)
    $year | Select-Object -First 8 | Out-Host

    Show 'Interest per asset (exact decimal totals)'
    $year |
        Group-Object -Property Asset |
        ForEach-Object {
            [pscustomobject]@{
                Asset           = $_.Name
                Accruals        = $_.Count
                TotalInterest   = [System.Linq.Enumerable]::Sum([decimal[]] $_.Group.Interest)
                MaxPrincipal    = [System.Linq.Enumerable]::Max([decimal[]] $_.Group.Principal)
                MaxDailyRate    = [System.Linq.Enumerable]::Max([decimal[]] $_.Group.InterestRate)
            }
        } |
        Sort-Object -Property TotalInterest -Descending |
        Format-Table -AutoSize -Property Asset, Accruals,
            @{ n = 'TotalInterest'; e = { $_.TotalInterest.ToString([cultureinfo]::InvariantCulture) }; a = 'Right' },
            @{ n = 'MaxPrincipal'; e = { $_.MaxPrincipal.ToString([cultureinfo]::InvariantCulture) }; a = 'Right' },
            @{ n = 'MaxDailyRate'; e = { $_.MaxDailyRate.ToString([cultureinfo]::InvariantCulture) }; a = 'Right' } |
        Out-Host

    Show 'The most expensive day'
    $year |
        Group-Object -Property { $_.InterestAccruedTime.Date } |
        Sort-Object -Property { [System.Linq.Enumerable]::Sum([decimal[]] $_.Group.Interest) } -Descending |
        Select-Object -First 1 -Property @{ n = 'Day'; e = { ([datetime] $_.Name).ToString('yyyy-MM-dd') } }, Count, @{ n = 'Assets'; e = { ($_.Group.Asset | Sort-Object -Unique) -join ', ' } } |
        Format-List |
        Out-Host

    $null = New-Item -ItemType Directory -Path $OutputDirectory -Force
    $csv = Join-Path $OutputDirectory ('interest-{0:yyyyMMdd}.csv' -f $end)
    $year | Export-Csv -Path $csv -NoTypeInformation
    Show ("Exported {0:N0} rows to {1}" -f (@(Import-Csv -Path $csv).Count), $csv)

    # What it cost: Binance allows 100 records a request and no cursor.
    $stats = Get-PmEmulatorStats $emulator
    $minimum = 0
    for ($hi = [DateTimeOffset]::new($end).ToUnixTimeMilliseconds(); $hi -ge [DateTimeOffset]::new($start).ToUnixTimeMilliseconds(); $hi -= 30 * 86400000) {
        $lo = [math]::Max([DateTimeOffset]::new($start).ToUnixTimeMilliseconds(), $hi - 30 * 86400000 + 1)
        $inWindow = @($year | Where-Object { $t = [DateTimeOffset]::new($_.InterestAccruedTime).ToUnixTimeMilliseconds(); $t -ge $lo -and $t -le $hi }).Count
        $minimum += [math]::Max(1, [math]::Ceiling($inWindow / 100))
    }
    # Weight spent in all (50 a request), not the current window's, which may have rolled over.
    Show ("Requests: {0} made, {1} at the least (one per 30-day window, or records/100); weight spent {2} (Binance allows 12000 a minute); 429s: {3}" -f `
            $stats.interestHistoryRequests, $minimum, (50 * $stats.interestHistoryRequests), $stats.tooManyRequests)

    Disconnect-PmAccount
}
finally {
    $emulator | Stop-PmEmulator
}
