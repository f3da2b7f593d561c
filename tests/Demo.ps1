<#
.SYNOPSIS
    The runbook job of the README, against the local Binance emulator: connect, keep an interest
    ledger up to date, report exact totals per asset and month, and what they cost in money.
.DESCRIPTION
    Run through the build (it builds the module and the emulator first and passes their paths in):

        dotnet tool restore && dotnet pwsh -NoProfile -File ./build.ps1 -Task Demo

    The emulator serves a generated book of four borrowed assets as Binance charges them: once a
    day at 00:00 UTC, interest = principal x daily rate, from 2025-01-01 to 2026-01-01 UTC, with
    50 ms added to every API request (a distant Binance), and spot prices. The demo
      1. connects (Binance checks the key: one weight-1 request) and shows Get-PmConnection;
      2. exports 2025 into a new ledger in a temporary folder, as the runbook's first run;
      3. runs the same job a day later: it appends only 2026-01-01 (requests and time of both
         runs side by side: an incremental run against a full one), then once more (nothing new);
      4. reads the ledger back and totals interest per asset and month with
         Measure-PmNegativeBalanceInterest;
      5. reads the ledger again under de-DE: the same totals, to the last digit;
      6. shows the -After watermark flow for hosts that keep no files between jobs;
      7. values the ledger in USDT and in EUR (Add-PmInterestValue) and shows its cost per month,
         every figure checked against the emulator's prices with the price rule worked out here.
    Every step is checked against the emulator's own data; the exit code is 1 when a check fails.
    With NO_COLOR set, the output has no colour codes.
#>
[CmdletBinding()]
param(
    [string] $ModulePath = $env:PMINTEREST_MODULE_PATH,
    [string] $EmulatorDll = $env:PMINTEREST_EMULATOR_DLL
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
if ($env:NO_COLOR) { $PSStyle.OutputRendering = [System.Management.Automation.OutputRendering]::PlainText }

Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
Import-Module $ModulePath -Force

$Invariant = [cultureinfo]::InvariantCulture
$Assets = 'USDT', 'USDC', 'BTC', 'ETH'
$DataStart = '2025-01-01T00:00:00Z'
$DataEnd = '2026-01-01T23:00:00Z'
$script:Failures = [System.Collections.Generic.List[string]]::new()

#region helpers

function Show-Step([string] $Title) { "`n=== $Title ===" | Out-Host }

function Show-Line([string] $Text) { $Text | Out-Host }

function Assert-Demo([string] $What, [bool] $Holds, [string] $Otherwise = '') {
    <# One check: a line that says what holds, or FAILED and why; failures make the exit code 1. #>
    if ($Holds) {
        Show-Line "  ok      $What"
    }
    else {
        Show-Line "  FAILED  $What$(if ($Otherwise) { ": $Otherwise" })"
        $script:Failures.Add($What)
    }
}

function Format-Amount([decimal] $Value) { $Value.ToString($Invariant) }

function Format-Count([long] $Value) { $Value.ToString('N0', $Invariant) }

function Format-Invariant([string] $Format) { [string]::Format($Invariant, $Format, [object[]] $args) }

function Format-Utc($Value) { if ($null -eq $Value) { '' } else { ([datetime] $Value).ToString('yyyy-MM-dd HH:mm:ss', $Invariant) + 'Z' } }

function ConvertTo-EpochMs([string] $Utc) {
    [DateTimeOffset]::Parse($Utc, $Invariant, [System.Globalization.DateTimeStyles]::AssumeUniversal).ToUnixTimeMilliseconds()
}

function Get-TruthRecords([string] $From, [string] $To) {
    <# The emulator's own records in an inclusive UTC range (unsigned test endpoint), in ledger order: oldest first, then asset (ordinal). #>
    $fromMs = ConvertTo-EpochMs $From
    $toMs = ConvertTo-EpochMs $To
    $list = [System.Collections.Generic.List[object]]::new()
    # Invoke-RestMethod writes a JSON array as one object; foreach takes its elements.
    $answer = Invoke-RestMethod -NoProxy -Uri "$($script:Emulator.Url)_emulator/records?startTime=$fromMs&endTime=$toMs"
    foreach ($r in $answer) { $list.Add($r) }
    $list.Sort([Comparison[object]] {
            param($a, $b)
            $byTime = ([long] $a.interestAccruedTime).CompareTo([long] $b.interestAccruedTime)
            if ($byTime -ne 0) { $byTime } else { [string]::CompareOrdinal($a.asset, $b.asset) }
        })
    , $list
}

function ConvertTo-LedgerText($Records) {
    <# The ledger a correct export of these records writes, built here from the design's format alone. #>
    $text = [System.Text.StringBuilder]::new("InterestAccruedTime,Asset,Interest,InterestRate,Principal`n")
    foreach ($r in $Records) {
        $utc = [DateTimeOffset]::FromUnixTimeMilliseconds([long] $r.interestAccruedTime).UtcDateTime
        $time = $utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", $Invariant)
        $null = $text.Append("$time,$($r.asset),$($r.interest),$($r.interestRate),$($r.principal)`n")
    }
    $text.ToString()
}

function Get-TruthTotals($Records) {
    <# Exact totals per asset and UTC month, added here in decimal from Binance's strings: "USDT|2025-01" -> decimal. #>
    $totals = [System.Collections.Generic.Dictionary[string, decimal]]::new([StringComparer]::Ordinal)
    foreach ($r in $Records) {
        $month = [DateTimeOffset]::FromUnixTimeMilliseconds([long] $r.interestAccruedTime).UtcDateTime.ToString('yyyy-MM', $Invariant)
        $key = "$($r.asset)|$month"
        $sum = [decimal] 0
        $null = $totals.TryGetValue($key, [ref] $sum)
        $totals[$key] = $sum + [decimal]::Parse($r.interest, $Invariant)
    }
    $totals
}

function Test-SameTotals($Expected, $Actual) {
    <# True when the InterestTotal objects are exactly the expected asset|month totals, no more, no fewer. #>
    if (@($Actual).Count -ne $Expected.Count) { return $false }
    foreach ($t in $Actual) {
        $key = "$($t.Asset)|$($t.Period)"
        if (-not $Expected.ContainsKey($key) -or $Expected[$key] -ne $t.Interest) { return $false }
    }
    $true
}

function ConvertTo-TotalMap($Totals) {
    <# InterestTotal objects as "ASSET|period" -> decimal, to compare with Test-SameTotals. #>
    $map = [System.Collections.Generic.Dictionary[string, decimal]]::new([StringComparer]::Ordinal)
    foreach ($t in $Totals) { $map.Add("$($t.Asset)|$($t.Period)", $t.Interest) }
    $map
}

function Show-TotalsTable($ByMonth, $ByAsset) {
    <# Months down, one column per asset (amounts of different assets are never added), exact amounts, a total per asset last. #>
    $columns = @(@{ n = 'Month (UTC)'; e = { $_.Month } }) + @(foreach ($asset in $Assets) {
            @{ n = $asset; e = [scriptblock]::Create("`$_.'$asset'"); a = 'Right' }
        })
    $cells = ConvertTo-TotalMap $ByMonth
    $rows = foreach ($month in $ByMonth.Period | Sort-Object -Unique) {
        $row = [ordered]@{ Month = $month }
        foreach ($asset in $Assets) {
            $amount = [decimal] 0
            $row[$asset] = if ($cells.TryGetValue("$asset|$month", [ref] $amount)) { Format-Amount $amount } else { '-' }
        }
        [pscustomobject] $row
    }
    $total = [ordered]@{ Month = 'all' }
    foreach ($asset in $Assets) { $total[$asset] = Format-Amount ($ByAsset | Where-Object Asset -eq $asset).Interest }
    @($rows) + [pscustomobject] $total | Format-Table -AutoSize -Property $columns | Out-Host
}

function Invoke-Timed([scriptblock] $Export) {
    <# Runs one export and returns its summary with the time it took. #>
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $summary = & $Export
    $watch.Stop()
    $summary | Add-Member -NotePropertyName Seconds -NotePropertyValue $watch.Elapsed.TotalSeconds -PassThru
}

function Get-EmulatorCount([string] $Name) { [long] (Get-PmEmulatorStats $script:Emulator).$Name }

#endregion

#region the steps

function Show-Connect {
    Show-Step '1. Connect: Binance checks the key before anything else runs'
    # In a runbook: Connect-PmAccount -Credential (Get-AutomationPSCredential -Name 'BinancePmPro')
    $hmac = Get-Content -LiteralPath (Join-Path $script:Emulator.KeyDir 'hmac.json') -Raw | ConvertFrom-Json
    $secret = ConvertTo-SecureString -String $hmac.secret -AsPlainText -Force
    $wrong = ConvertTo-SecureString -String ('x' + $hmac.secret.Substring(1)) -AsPlainText -Force

    $refusedId = $null
    try { Connect-PmAccount -ApiKey $hmac.apiKey -ApiSecret $wrong -BaseUri $script:Emulator.Url }
    catch { $refusedId = $_.FullyQualifiedErrorId }
    Show-Line "A wrong secret:  Connect-PmAccount fails with $refusedId"
    Assert-Demo 'a wrong secret fails at connect, before any interest request' (
        "$refusedId" -like 'BinanceAuthenticationFailed,*' -and (Get-EmulatorCount interestHistoryRequests) -eq 0) "error '$refusedId'"

    Connect-PmAccount -ApiKey $hmac.apiKey -ApiSecret $secret -BaseUri $script:Emulator.Url
    $connection = Get-PmConnection
    Show-Line 'The right one:   Connect-PmAccount, then Get-PmConnection'
    $connection | Format-List -Property KeyType, ApiKey, Source, BaseUri,
        @{ n = 'CheckedAt'; e = { Format-Utc $_.CheckedAt } },
        @{ n = 'MayRead'; e = { $_.Permissions.EnableReading } },
        @{ n = 'IpRestricted'; e = { $_.Permissions.IpRestricted } },
        WeightLimitInForce, WeightUsed,
        @{ n = 'WeightResetsAt'; e = { Format-Utc $_.WeightResetsAt } },
        ClockOffsetMs, WindowSpan | Out-Host

    $stats = Get-PmEmulatorStats $script:Emulator
    $checks = [long] $stats.requestsByPath.'/sapi/v1/account/apiRestrictions'
    $checked = $null -ne $connection.CheckedAt -and $connection.Permissions.EnableReading
    Assert-Demo 'each connect sent one key check (weight 1) and nothing else; the key may read' (
        $checks -eq 2 -and $stats.totalRequests -eq 2 -and $checked) "$checks checks of $($stats.totalRequests) requests"
}

function Invoke-FirstRun([hashtable] $Job, $TruthYear) {
    Show-Step '2. The first run: 2025 into a new ledger'
    $first = Invoke-Timed { Export-PmNegativeBalanceInterest @Job -EndTime $FirstEnd }
    $first | Format-List -Property Path, Added,
        @{ n = 'From'; e = { Format-Utc $_.From } },
        @{ n = 'To'; e = { Format-Utc $_.To } },
        Requests, Rows, Watermark | Out-Host
    Show-Line 'The ledger starts:'
    Get-Content -LiteralPath $Job.Path -TotalCount 4 | ForEach-Object { "  $_" } | Out-Host
    Assert-Demo "it added every record Binance holds for 2025 ($(Format-Count $TruthYear.Count))" ($first.Added -eq $TruthYear.Count) "added $($first.Added)"
    $first
}

function Invoke-NextRuns([hashtable] $Job, $First, $TruthYear, $TruthAll) {
    Show-Step '3. The next day: the same job appends only what is new'
    $before = Get-EmulatorCount interestHistoryRequests
    $next = Invoke-Timed { Export-PmNegativeBalanceInterest @Job -EndTime $NextEnd }
    $served = (Get-EmulatorCount interestHistoryRequests) - $before
    $again = Invoke-Timed { Export-PmNegativeBalanceInterest @Job -EndTime $NextEnd }

    @(
        [pscustomobject]@{ Run = 'first run: 2025'; Summary = $First }
        [pscustomobject]@{ Run = 'next day'; Summary = $next }
        [pscustomobject]@{ Run = 'again, nothing new'; Summary = $again }
    ) | Format-Table -AutoSize -Property Run,
        @{ n = 'From (UTC)'; e = { $_.Summary.From.ToString('yyyy-MM-dd HH:mm', $Invariant) } },
        @{ n = 'To (UTC)'; e = { $_.Summary.To.ToString('yyyy-MM-dd HH:mm', $Invariant) } },
        @{ n = 'Added'; e = { Format-Count $_.Summary.Added }; a = 'Right' },
        @{ n = 'Requests'; e = { $_.Summary.Requests }; a = 'Right' },
        @{ n = 'Time'; e = { Format-Invariant '{0:0.00} s' $_.Summary.Seconds }; a = 'Right' } | Out-Host
    Show-Line (Format-Invariant 'Incremental against full: {0} request(s) against {1} (weight {2} against {3:N0}), {4:0.00} s against {5:0.00} s.' `
            $next.Requests $First.Requests (50 * $next.Requests) (50 * $First.Requests) $next.Seconds $First.Seconds)

    $newDay = $TruthAll.Count - $TruthYear.Count
    Assert-Demo "the next day's run added exactly the $newDay records of 2026-01-01" ($next.Added -eq $newDay) "added $($next.Added)"
    Assert-Demo 'the requests it reports are the requests Binance received' ($next.Requests -eq $served) "reported $($next.Requests), served $served"
    Assert-Demo 'a run with nothing new adds nothing' ($again.Added -eq 0 -and $again.Rows -eq $next.Rows) "added $($again.Added)"
    Assert-Demo "the ledger is, byte for byte, the $(Format-Count $TruthAll.Count) records of the range in the ledger format" (
        [System.IO.File]::ReadAllText($Job.Path) -ceq (ConvertTo-LedgerText $TruthAll)) 'the file differs'
}

function Show-Totals([string] $Ledger, $TruthAll) {
    Show-Step '4. Interest per asset and month from the ledger, exact (Measure-PmNegativeBalanceInterest)'
    $records = @(Import-PmNegativeBalanceInterest -Path $Ledger)
    $byMonth = @($records | Measure-PmNegativeBalanceInterest -By Asset, Month)
    $byAsset = @($records | Measure-PmNegativeBalanceInterest -By Asset)
    Show-TotalsTable -ByMonth $byMonth -ByAsset $byAsset

    $double = (@($records | Where-Object Asset -eq 'USDT') | Measure-Object -Property Interest -Sum).Sum
    Show-Line (Format-Invariant 'USDT: Measure-Object -Sum says {0} (it adds in double); the exact total is {1}.' `
            $double.ToString('R', $Invariant) (Format-Amount ($byAsset | Where-Object Asset -eq 'USDT').Interest))
    Assert-Demo "the $($byMonth.Count) asset-month totals equal the sums of Binance's own figures, to the last digit" (
        Test-SameTotals (Get-TruthTotals $TruthAll) $byMonth) 'a total differs'
    , $byMonth
}

function Show-GermanReadBack([string] $Ledger, $ByMonth) {
    Show-Step '5. The same ledger read on a German desktop (de-DE)'
    $culture = [cultureinfo]::CurrentCulture
    try {
        [cultureinfo]::CurrentCulture = [cultureinfo]::GetCultureInfo('de-DE')
        $cultureName = [cultureinfo]::CurrentCulture.Name
        $imported = @(Import-PmNegativeBalanceInterest -Path $Ledger)
        $germanTotals = @($imported | Measure-PmNegativeBalanceInterest -By Asset, Month)
        $shown = $imported[0].Interest.ToString() # in the session's culture, as a German report shows it
    }
    finally {
        [cultureinfo]::CurrentCulture = $culture
    }
    Show-Line ("Under $cultureName the first row's interest is shown as $shown; " +
        "the ledger holds $(Format-Amount $imported[0].Interest), and that is the amount read.")
    $same = Test-SameTotals (ConvertTo-TotalMap $ByMonth) $germanTotals
    Show-Line (Format-Invariant 'The {0} asset-month totals read under {1} {2} the {3} totals of step 4, to the last digit.' `
            $germanTotals.Count $cultureName $(if ($same) { 'are equal to' } else { 'are NOT equal to' }) $ByMonth.Count)
    Assert-Demo 'the session really was German (a decimal comma)' ($cultureName -eq 'de-DE' -and $shown.Contains(',')) "culture '$cultureName', shown '$shown'"
    Assert-Demo 'the ledger read under de-DE gives the totals of step 4' $same 'a total differs'
}

function Show-WatermarkFlow([string] $Folder, $First, $NewDay) {
    Show-Step '6. No files kept between jobs (Azure Automation sandbox): the -After watermark'
    Show-Line '  $s = Export-PmNegativeBalanceInterest -Path $temp -After (Get-AutomationVariable PmWatermark)'
    Show-Line '  Set-AutomationVariable -Name PmWatermark -Value $s.Watermark'
    $temp = Join-Path $Folder 'sandbox.csv'
    $watermark = $First.Watermark # what the first run left in the Automation variable
    $s = Export-PmNegativeBalanceInterest -Path $temp -After $watermark -EndTime $NextEnd
    Show-Line "After the first run's watermark $watermark`: $($s.Added) records added; the next watermark is $($s.Watermark)."
    Assert-Demo 'after the watermark, exactly the new day was fetched' (
        [System.IO.File]::ReadAllText($temp) -ceq (ConvertTo-LedgerText $NewDay)) "added $($s.Added)"
}


function Get-EmulatorSymbols {
    <# The emulator's spot symbols, read once before the module runs (its request is not the module's). #>
    $answer = Invoke-RestMethod -NoProxy -Uri "$($script:Emulator.Url)api/v3/exchangeInfo"
    @($answer.symbols)
}

function Get-TruthOpen([string] $Symbol, [long] $Ms) {
    <# The open of the symbol's 1m kline at that minute, from the emulator's price endpoint (cached per symbol and day), or $null. #>
    if (-not $script:Opens.ContainsKey($Symbol)) {
        $from = ConvertTo-EpochMs $DataStart
        $to = ConvertTo-EpochMs $NextEnd
        $map = [System.Collections.Generic.Dictionary[long, object]]::new()
        foreach ($p in (Invoke-RestMethod -NoProxy -Uri "$($script:Emulator.Url)_emulator/prices?symbol=$Symbol&startTime=$from&endTime=$to&stepMinutes=1440")) {
            $map[[long] $p.openTime] = if ($null -eq $p.open) { $null } else { [decimal]::Parse($p.open, $Invariant) }
        }
        $script:Opens[$Symbol] = $map
    }
    $value = $null
    if ($script:Opens[$Symbol].TryGetValue($Ms, [ref] $value)) { $value } else { throw "no emulator price fetched for $Symbol at $Ms" }
}

function Get-TruthLeg([string] $Asset, [string] $Quote, [long] $Ms) {
    <# The direct route (open) or the inverse one (1/open, decimal division), as the README states them. #>
    $direct = @($script:Symbols | Where-Object { $_.baseAsset -eq $Asset -and $_.quoteAsset -eq $Quote })
    if ($direct) {
        $open = Get-TruthOpen $direct[0].symbol $Ms
        if ($null -ne $open) { return [pscustomobject]@{ Price = $open; Source = $direct[0].symbol } }
    }
    $inverse = @($script:Symbols | Where-Object { $_.baseAsset -eq $Quote -and $_.quoteAsset -eq $Asset })
    if ($inverse) {
        $open = Get-TruthOpen $inverse[0].symbol $Ms
        if ($null -ne $open) { return [pscustomobject]@{ Price = [decimal] 1 / $open; Source = '1/' + $inverse[0].symbol } }
    }
}

function Get-TruthPrice([string] $Asset, [string] $Quote, [long] $Ms) {
    <# The price rule of the README, worked out here from the emulator's symbols and prices alone. #>
    if ($Asset -ceq $Quote) { return [pscustomobject]@{ Price = [decimal] 1; Source = $Asset } }
    $leg = Get-TruthLeg $Asset $Quote $Ms
    if ($leg) { return $leg }
    if ($Asset -cne 'USDT' -and $Quote -cne 'USDT') {
        $first = Get-TruthLeg $Asset 'USDT' $Ms
        $second = if ($first) { Get-TruthLeg 'USDT' $Quote $Ms }
        if ($second) { return [pscustomobject]@{ Price = $first.Price * $second.Price; Source = $first.Source + '*' + $second.Source } }
    }
}

function ConvertTo-Units([decimal] $Value) {
    <# A decimal as a whole number of 1e-28, exactly (a decimal has at most 28 decimals). #>
    [System.Numerics.BigInteger]::Parse($Value.ToString('F28', $Invariant).Replace('.', ''), $Invariant)
}

function Test-ExactSum($Total, $Values) {
    <# True when the total is the exact sum of the values, or that sum rounded once to the total's last digit. #>
    $exact = [System.Numerics.BigInteger]::Zero
    foreach ($v in $Values) { $exact += ConvertTo-Units $v }
    $scale = ([decimal]::GetBits($Total)[3] -shr 16) -band 0xFF
    $error = [System.Numerics.BigInteger]::Abs((ConvertTo-Units $Total) - $exact)
    $error * 2 -le [System.Numerics.BigInteger]::Pow(10, 28 - $scale)
}

function Show-Cost([string] $Ledger) {
    Show-Step '7. What the ledger cost, per month, in USDT and in EUR (Add-PmInterestValue)'
    Show-Line '  Import-PmNegativeBalanceInterest $ledger | Add-PmInterestValue -Quote EUR | Measure-PmNegativeBalanceInterest -By Month'
    $records = @(Import-PmNegativeBalanceInterest -Path $Ledger)
    $script:Symbols = Get-EmulatorSymbols
    $script:Opens = @{}
    Reset-PmEmulator $script:Emulator
    $quotes = [ordered]@{}
    foreach ($quote in 'USDT', 'EUR') {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $valued = @($records | Add-PmInterestValue -Quote $quote -BaseUri $script:Emulator.Url)
        $watch.Stop()
        $stats = Get-PmEmulatorStats $script:Emulator
        $quotes[$quote] = [pscustomobject]@{
            Valued   = $valued
            ByMonth  = @($valued | Measure-PmNegativeBalanceInterest -By Month)
            Seconds  = $watch.Elapsed.TotalSeconds
            Klines   = [long] $stats.requestsByPath.'/api/v3/klines'
            Symbols  = [long] $stats.requestsByPath.'/api/v3/exchangeInfo'
        }
    }

    $rows = foreach ($month in $quotes['USDT'].ByMonth.Period) {
        [pscustomobject]@{
            Month = $month
            USDT  = Format-Amount ($quotes['USDT'].ByMonth | Where-Object Period -eq $month).Value
            EUR   = Format-Amount ($quotes['EUR'].ByMonth | Where-Object Period -eq $month).Value
        }
    }
    $rows | Format-Table -AutoSize -Property Month, @{ n = 'USDT'; e = { $_.USDT }; a = 'Right' }, @{ n = 'EUR'; e = { $_.EUR }; a = 'Right' } | Out-Host
    $sample = $quotes['EUR'].Valued | Where-Object Asset -eq 'BTC' | Select-Object -First 1
    if ($sample) {
        Show-Line (Format-Invariant '  e.g. {0:yyyy-MM-dd} BTC: {1} x {2} ({3}) = {4} EUR' $sample.InterestAccruedTime (Format-Amount $sample.Interest) (Format-Amount $sample.Price) $sample.PriceSource (Format-Amount $sample.Value))
    }
    Show-Line (Format-Invariant 'Requests: USDT {0} klines + {1} exchangeInfo in {2:0.00} s; EUR then {3} more klines (EURUSDT; the USDT legs came from the session''s cache) in {4:0.00} s.' `
            $quotes['USDT'].Klines $quotes['USDT'].Symbols $quotes['USDT'].Seconds ($quotes['EUR'].Klines - $quotes['USDT'].Klines) $quotes['EUR'].Seconds)

    $wrong = [System.Collections.Generic.List[string]]::new()
    foreach ($quote in $quotes.Keys) {
        foreach ($v in $quotes[$quote].Valued) {
            $truth = Get-TruthPrice $v.Asset $quote ([DateTimeOffset]::new($v.InterestAccruedTime).ToUnixTimeMilliseconds())
            if ($null -eq $truth -or $truth.Price -ne $v.Price -or $truth.Source -cne $v.PriceSource -or ($v.Interest * $truth.Price) -ne $v.Value) {
                $wrong.Add("$quote $($v.Asset) $($v.InterestAccruedTime.ToString('o', $Invariant))")
            }
        }
    }
    $count = $records.Count * $quotes.Count
    Assert-Demo "all $(Format-Count $count) prices and values are the rule's on the emulator's prices, to the last digit" ($wrong.Count -eq 0) (($wrong | Select-Object -First 3) -join '; ')

    $sumsHold = $true
    foreach ($quote in $quotes.Keys) {
        foreach ($t in $quotes[$quote].ByMonth) {
            $values = @($quotes[$quote].Valued | Where-Object { $_.InterestAccruedTime.ToString('yyyy-MM', $Invariant) -eq $t.Period } | ForEach-Object Value)
            if ($t.Quote -cne $quote -or $t.Count -ne $values.Count -or -not (Test-ExactSum $t.Value $values)) { $sumsHold = $false }
        }
    }
    Assert-Demo 'every monthly cost is the exact sum of its values (rounded once where a decimal must)' $sumsHold 'a total differs'
    $symbolsNeeded = @($Assets | Where-Object { $_ -ne 'USDT' }).Count
    Assert-Demo "a year of daily records is one klines request per symbol ($symbolsNeeded in USDT, then only EURUSDT for EUR)" (
        $quotes['USDT'].Klines -eq $symbolsNeeded -and $quotes['EUR'].Klines -eq $symbolsNeeded + 1 -and $quotes['EUR'].Symbols -eq 1) "$($quotes['EUR'].Klines) klines requests"
    $market = @(Invoke-RestMethod -NoProxy -Uri "$($script:Emulator.Url)_emulator/requests" | ForEach-Object { $_ } | Where-Object { $_.path -like '/api/v3/*' })
    Assert-Demo 'no API key and no signature went with any market data request' (
        $market.Count -gt 0 -and -not @($market | Where-Object { $_.apiKeySent -or $_.signatureSent }).Count) "$($market.Count) requests"
}

#endregion

# -EndTime stands in for "now" in this demo. A runbook leaves it out, and the ledger then stops
# 60 minutes before now (the settling margin); it passes the same parameters on every run.
$FirstEnd = '2025-12-31T23:59:59.999Z'
$NextEnd = '2026-01-01T23:59:59.999Z'

$work = Join-Path ([System.IO.Path]::GetTempPath()) ('pminterest-demo-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$null = New-Item -ItemType Directory -Path $work
$script:Emulator = Start-PmEmulator -EmulatorDll $EmulatorDll -ArgumentList @(
    '--seed', '2026', '--start', $DataStart, '--end', $DataEnd, '--assets', ($Assets -join ','), '--latency-ms', '50')
try {
    Show-Line "Emulator at $($script:Emulator.Url): daily interest (00:00 UTC) on $($Assets -join ', ') from $DataStart to $DataEnd, 50 ms per request."
    Show-Line "Working folder: $work"
    $truthYear = Get-TruthRecords $DataStart $FirstEnd
    $truthAll = Get-TruthRecords $DataStart $NextEnd
    $job = @{ Path = (Join-Path $work 'pm-interest.csv'); StartTime = $DataStart }

    Show-Connect
    $first = Invoke-FirstRun -Job $job -TruthYear $truthYear
    Invoke-NextRuns -Job $job -First $first -TruthYear $truthYear -TruthAll $truthAll
    $byMonth = Show-Totals -Ledger $job.Path -TruthAll $truthAll
    Show-GermanReadBack -Ledger $job.Path -ByMonth $byMonth
    Show-WatermarkFlow -Folder $work -First $first -NewDay @($truthAll | Select-Object -Skip $truthYear.Count)
    Show-Cost -Ledger $job.Path
    Disconnect-PmAccount
}
finally {
    $script:Emulator | Stop-PmEmulator
    Remove-Item -LiteralPath $work -Recurse -Force -ErrorAction Ignore
}

if ($script:Failures.Count) {
    Show-Line "`n$($script:Failures.Count) check(s) FAILED: $($script:Failures -join '; ')"
    exit 1
}
Show-Line "`nEvery check held."
exit 0
