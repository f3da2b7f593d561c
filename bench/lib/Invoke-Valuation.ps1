<#
    Child process of Run-Benchmarks.ps1 (a fresh 'dotnet pwsh -NoProfile'): imports the built
    module, makes a record per asset every -StepMinutes for -Days from 2025-01-01 (a day's 00:00
    records for -StepMinutes 1440), and times

        $records | Add-PmInterestValue -Quote <quote> -BaseUri <emulator> | Out-Null

    twice in the same session: cold (nothing known) and warm (every price in the session's
    cache), reading the emulator's request counters before and after each. Writes one JSON line.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $BaseUri,
    [Parameter(Mandatory)][string[]] $Assets,
    [int] $Days = 365,
    [int] $StepMinutes = 1440,
    [string] $Quote = 'USDT'
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

Import-Module -Name $ModulePath
$Assets = @($Assets | ForEach-Object { $_ -split ',' } | Where-Object { $_ })
$start = [datetime]::new(2025, 1, 1, 0, 0, 0, [System.DateTimeKind]::Utc)
$steps = [int] ($Days * 1440 / $StepMinutes)
$interest = [decimal]::Parse('0.00012345', [cultureinfo]::InvariantCulture)
$records = [System.Collections.Generic.List[object]]::new($steps * $Assets.Count)
for ($i = 0; $i -lt $steps; $i++) {
    $at = $start.AddMinutes($i * $StepMinutes)
    foreach ($asset in $Assets) {
        $records.Add([PmInterest.NegativeBalanceInterest]::new($asset, $interest, [decimal] 0.0001, [decimal] 1000, $at))
    }
}

function Get-Counts {
    $paths = (Invoke-RestMethod -NoProxy -Uri ($BaseUri.TrimEnd('/') + '/_emulator/stats')).requestsByPath.PSObject.Properties
    [pscustomobject]@{
        Klines  = [long] $(if ($paths['/api/v3/klines']) { $paths['/api/v3/klines'].Value } else { 0 })
        Symbols = [long] $(if ($paths['/api/v3/exchangeInfo']) { $paths['/api/v3/exchangeInfo'].Value } else { 0 })
    }
}

function Measure-Valuation {
    $before = Get-Counts
    $unpriced = 0
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $records | Add-PmInterestValue -Quote $Quote -BaseUri $BaseUri -ErrorAction SilentlyContinue -ErrorVariable +missing | Out-Null
    $watch.Stop()
    $after = Get-Counts
    [ordered]@{
        Ms       = $watch.Elapsed.TotalMilliseconds
        Klines   = $after.Klines - $before.Klines
        Symbols  = $after.Symbols - $before.Symbols
        Unpriced = @($missing).Count
    }
}

$missing = @()
$cold = Measure-Valuation
$missing = @()
$warm = Measure-Valuation
[ordered]@{
    Records = $records.Count
    Cold    = $cold
    Warm    = $warm
} | ConvertTo-Json -Compress -Depth 4
