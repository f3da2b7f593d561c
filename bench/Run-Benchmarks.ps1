<#
.SYNOPSIS
    PmInterest benchmarks: micro-benchmarks, end to end against the emulator, Import-Module time,
    peak memory and rate-limit pacing, with a summary of ratios against the targets.

.DESCRIPTION
    Run through the build (it builds the module and the emulator first and passes their paths):

        dotnet tool restore
        dotnet pwsh -NoProfile -File ./build.ps1 -Task Bench

    Sections (all by default; -Section picks some):
      Micro     BenchmarkDotNet (bench/PmInterest.Benchmarks): signing per request (HMAC, RSA-2048,
                Ed25519) and parsing per record.
      EndToEnd  The module, the hand-written script (bench/baselines/HandWritten.ps1) and Node
                (bench/node/walk.mjs: the official connector, plus a plain fetch loop for reference)
                against the emulator at 0 and 50 ms latency on ~10,000 and ~100,000 records:
                records per second, requests against the minimum, CSV checked against the data set.
      Import    Import-Module time in fresh processes (median of 5).
      Memory    Peak memory of fresh module processes at ~10,000 and ~100,000 records (taken from
                the 0 ms EndToEnd module runs when that section runs too).
      Pacing    A fetch needing more requests than one weight window allows, under a lowered limit.
      Valuation Add-PmInterestValue on a year of daily records for five assets (and a year of hourly
                ones): klines requests and time, cold and from the session's warm cache, valued
                records a second, against the emulator's market data at 0 and 50 ms latency.

    Everything printed also goes to bench/results/last-run.txt.

.PARAMETER ModulePath
    The built module manifest (out/PmInterest/PmInterest.psd1). Default: $env:PMINTEREST_MODULE_PATH.

.PARAMETER EmulatorDll
    The built emulator. Default: $env:PMINTEREST_EMULATOR_DLL.

.PARAMETER Runs
    Fresh-process runs per client at 0 ms latency (default 5; the median is reported). At 50 ms each client
    runs once: the time is then dominated by the latency, not by noise.
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [string] $ModulePath = $env:PMINTEREST_MODULE_PATH,
    [string] $EmulatorDll = $env:PMINTEREST_EMULATOR_DLL,
    # Micro, EndToEnd, Import, Memory, Pacing, Valuation (a list, or one comma-separated string under -File).
    [string[]] $Section = @('Micro', 'EndToEnd', 'Import', 'Memory', 'Pacing', 'Valuation'),
    [ValidateRange(1, 15)]
    [int] $Runs = 5,
    # At 50 ms latency, run the sequential baselines on the 10,000-record set only.
    [switch] $SkipSlowBaselines
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$PSNativeCommandUseErrorActionPreference = $false

$BenchRoot = $PSScriptRoot
$RepoRoot = Split-Path -Parent $BenchRoot
$NodeDir = Join-Path $BenchRoot 'node'
$ConnectorPackage = '@binance/derivatives-trading-portfolio-margin-pro'
$ResultsDir = Join-Path $BenchRoot 'results'
$WorkDir = Join-Path ([System.IO.Path]::GetTempPath()) ('pminterest-bench-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
$Invariant = [System.Globalization.CultureInfo]::InvariantCulture

# The data sets: one year (2025) of the emulator's default eight assets; the accrual interval
# sets the size (100 min: ~10,000 records; 10 min: ~100,000). Same seed, same data, every run.
$RangeStart = [DateTimeOffset]::new(2025, 1, 1, 0, 0, 0, [TimeSpan]::Zero)
$RangeEnd = $RangeStart.AddDays(365)
$StartMs = $RangeStart.ToUnixTimeMilliseconds()
$EndMs = $RangeEnd.ToUnixTimeMilliseconds()
$DataSets = @(
    [pscustomobject]@{ Name = '10k'; IntervalMinutes = 100 }
    [pscustomobject]@{ Name = '100k'; IntervalMinutes = 10 }
)
$Latencies = @(0, 50)
$HighWeightLimit = 100000000
$PacingWeightLimit = 1500        # 30 requests of weight 50 per 60 s window
$PacingRequestsWanted = 45
$ValuationAssets = @('BTC', 'ETH', 'SOL', 'XRP', 'BNB')   # five symbols in USDT: BTCUSDT .. BNBUSDT

#region output

$script:Report = [System.Collections.Generic.List[string]]::new()

function Say {
    param([AllowEmptyString()][string] $Text = '')
    foreach ($line in $Text -split '\r?\n') {
        [Console]::Out.WriteLine($line)
        $script:Report.Add($line)
    }
}

function Format-Number {
    param($Value, [int] $Decimals = 0)
    if ($null -eq $Value -or ($Value -is [double] -and [double]::IsNaN($Value))) { return 'n/a' }
    ([double] $Value).ToString("N$Decimals", $Invariant)
}

function Write-Table {
    <# A plain text table: -Rows of objects, -Columns as property names (or @{Name; Expression}). #>
    param(
        [Parameter(Mandatory)][AllowEmptyCollection()][object[]] $Rows,
        [Parameter(Mandatory)][object[]] $Columns,
        [string] $Indent = '  '
    )
    $heads = @(foreach ($c in $Columns) { if ($c -is [string]) { $c } else { $c.Name } })
    $cells = @(foreach ($row in $Rows) {
            , @(foreach ($c in $Columns) {
                    $v = if ($c -is [string]) { $row.$c } else { & $c.Expression $row }
                    if ($null -eq $v) { '' } else { [string] $v }
                })
        })
    $widths = for ($i = 0; $i -lt $heads.Count; $i++) {
        $w = $heads[$i].Length
        foreach ($r in $cells) { if ($r[$i].Length -gt $w) { $w = $r[$i].Length } }
        $w
    }
    $numeric = for ($i = 0; $i -lt $heads.Count; $i++) {
        $all = @($cells | ForEach-Object { $_[$i] } | Where-Object { $_ -ne '' })
        $all.Count -gt 0 -and -not @($all | Where-Object { $_ -notmatch '^[-+]?[\d,]*\.?\d+( ?(x|%|s|ms|MB|us|ns|B))?$' -and $_ -ne 'n/a' }).Count
    }
    $line = { param($values) $Indent + ((0..($heads.Count - 1) | ForEach-Object {
                    if ($numeric[$_]) { $values[$_].PadLeft($widths[$_]) } else { $values[$_].PadRight($widths[$_]) }
                }) -join '  ').TrimEnd() }
    Say (& $line $heads)
    Say ($Indent + (($widths | ForEach-Object { '-' * $_ }) -join '  '))
    foreach ($r in $cells) { Say (& $line $r) }
}

function Write-Section {
    param([string] $Title)
    Say ''
    Say ('=' * 100)
    Say $Title
    Say ('=' * 100)
}

function Get-LoadAverage {
    if (Test-Path -LiteralPath '/proc/loadavg') { ((Get-Content -LiteralPath '/proc/loadavg' -Raw) -split ' ')[0..2] -join ' ' } else { 'n/a' }
}

function Get-Median {
    param([double[]] $Values)
    $sorted = @($Values | Sort-Object)
    if ($sorted.Count -eq 0) { return [double]::NaN }
    $mid = [int][Math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

#endregion

#region processes

function Invoke-Child {
    <# Runs a process to completion; returns exit code, output and wall time. Never throws for a non-zero exit. #>
    param(
        [Parameter(Mandatory)][string] $FileName,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 900
    )
    $psi = [System.Diagnostics.ProcessStartInfo]::new($FileName)
    foreach ($a in $ArgumentList) { $psi.ArgumentList.Add([string] $a) }
    $psi.WorkingDirectory = $RepoRoot
    $psi.UseShellExecute = $false
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.RedirectStandardInput = $true
    $psi.Environment['NO_COLOR'] = '1'
    foreach ($k in $Environment.Keys) { $psi.Environment[$k] = [string] $Environment[$k] }
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    $process = [System.Diagnostics.Process]::Start($psi)
    try {
        $process.StandardInput.Close()
        $out = $process.StandardOutput.ReadToEndAsync()
        $err = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSeconds * 1000)) {
            $process.Kill($true)
            throw "$FileName $($ArgumentList -join ' ') did not finish within $TimeoutSeconds s."
        }
        $process.WaitForExit()
        $watch.Stop()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            StdOut   = $out.GetAwaiter().GetResult()
            StdErr   = $err.GetAwaiter().GetResult()
            WallMs   = $watch.Elapsed.TotalMilliseconds
        }
    }
    finally {
        $process.Dispose()
    }
}

function Get-JsonLine {
    <# The last line of a child's stdout that is a JSON object. #>
    param([Parameter(Mandatory)] $Child, [Parameter(Mandatory)][string] $What)
    $line = @($Child.StdOut -split '\r?\n' | Where-Object { $_.TrimStart().StartsWith('{') }) | Select-Object -Last 1
    if ($Child.ExitCode -ne 0 -or -not $line) {
        $detail = (@($Child.StdErr, $Child.StdOut) | Where-Object { $_ } | ForEach-Object { $_.Trim() }) -join "`n"
        throw "$What failed (exit code $($Child.ExitCode)): $detail"
    }
    $line | ConvertFrom-Json
}

function Invoke-ChildPwsh {
    param([Parameter(Mandatory)][string] $Script, [string[]] $ArgumentList = @(), [int] $TimeoutSeconds = 900)
    # 'dotnet pwsh' resolves PowerShell from the repository's tool manifest (working directory: the repository).
    Invoke-Child -FileName 'dotnet' -ArgumentList (@('pwsh', '-NoProfile', '-NonInteractive', '-File', (Join-Path $BenchRoot $Script)) + $ArgumentList) -TimeoutSeconds $TimeoutSeconds
}

#endregion

#region emulator

$script:Http = [System.Net.Http.HttpClient]::new()
$script:Http.Timeout = [TimeSpan]::FromMinutes(2)

function Invoke-Emulator {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)][string] $Path, [switch] $Post)
    $uri = [uri]::new([uri] $Emulator.Url, $Path)
    if ($Post) {
        $content = [System.Net.Http.StringContent]::new('')
        $response = $script:Http.PostAsync($uri, $content).GetAwaiter().GetResult()
    }
    else {
        $response = $script:Http.GetAsync($uri).GetAwaiter().GetResult()
    }
    $body = $response.Content.ReadAsStringAsync().GetAwaiter().GetResult()
    if (-not $response.IsSuccessStatusCode) { throw "Emulator $Path answered $([int] $response.StatusCode): $body" }
    $body
}

function Start-BenchEmulator {
    param([Parameter(Mandatory)] $DataSet, [int] $LatencyMs = 0, [int] $WeightLimit = $HighWeightLimit)
    $arguments = @(
        '--stress', '--seed', '1', '--start', $RangeStart.ToString('yyyy-MM-dd', $Invariant), '--days', '365',
        '--interval-minutes', $DataSet.IntervalMinutes, '--latency-ms', $LatencyMs, '--weight-limit', $WeightLimit
    ) | ForEach-Object { [string] $_ }
    $emulator = Start-PmEmulator -ArgumentList $arguments -EmulatorDll $EmulatorDll -TimeoutSeconds 120
    $keyFile = Join-Path $emulator.KeyDir 'hmac.json'
    $key = Get-Content -LiteralPath $keyFile -Raw | ConvertFrom-Json
    $emulator | Add-Member -NotePropertyName KeyFile -NotePropertyValue $keyFile
    $emulator | Add-Member -NotePropertyName Key -NotePropertyValue $key
    $emulator | Add-Member -NotePropertyName Arguments -NotePropertyValue ($arguments -join ' ')
    $emulator
}

function Get-Truth {
    param([Parameter(Mandatory)] $Emulator)
    [PmInterestBench.Truth]::FromJson((Invoke-Emulator $Emulator '_emulator/records'))
}

function Reset-Emulator { param($Emulator) $null = Invoke-Emulator $Emulator '_emulator/reset' -Post }

function Get-Stats { param($Emulator) Invoke-Emulator $Emulator '_emulator/stats' | ConvertFrom-Json }

#endregion

#region clients

function Invoke-Client {
    <#
        One measured walk of [RunStartMs, RunEndMs] by one client, in a fresh process, against a
        freshly reset emulator. Returns what it took and what the emulator saw.
    #>
    param(
        [Parameter(Mandatory)][ValidateSet('module', 'modulenull', 'handwritten', 'node', 'nodefetch')][string] $Client,
        [Parameter(Mandatory)] $Emulator,
        [Parameter(Mandatory)] $Truth,
        [long] $RunStartMs = $StartMs,
        [long] $RunEndMs = $EndMs,
        [int] $WeightLimit = $HighWeightLimit,
        [int] $FreshWindowAfterSeconds = 0,
        [switch] $NoCheck
    )
    $csv = Join-Path $WorkDir ("$Client-" + [guid]::NewGuid().ToString('N').Substring(0, 6) + '.csv')
    Reset-Emulator $Emulator
    $result = [ordered]@{ Client = $Client; ElapsedMs = [double]::NaN; CpuMs = [double]::NaN; WallMs = [double]::NaN; StartedMs = $null; PeakWorkingSet = $null; VmHWM = $null; ManagedHeap = $null; Allocated = $null; PipelineBytesPerObject = $null; Note = '' }
    if ($Client -eq 'modulenull') { $NoCheck = $true }
    switch -Regex ($Client) {
        '^module' {
            $child = Invoke-ChildPwsh -Script 'lib/Invoke-ModuleWalk.ps1' -ArgumentList @(
                '-ModulePath', $ModulePath, '-BaseUri', $Emulator.Url, '-KeyFile', $Emulator.KeyFile,
                '-StartMs', $RunStartMs, '-EndMs', $RunEndMs, '-OutFile', $csv,
                '-WeightLimit', $WeightLimit, '-FreshWindowAfterSeconds', $FreshWindowAfterSeconds,
                '-Sink', $(if ($Client -eq 'modulenull') { 'Null' } else { 'Csv' }))
            $json = Get-JsonLine $child 'The module run'
        }
        '^handwritten$' {
            $child = Invoke-ChildPwsh -Script 'lib/Invoke-HandWrittenWalk.ps1' -ArgumentList @(
                '-BaseUri', $Emulator.Url, '-KeyFile', $Emulator.KeyFile,
                '-StartMs', $RunStartMs, '-EndMs', $RunEndMs, '-OutFile', $csv)
            $json = Get-JsonLine $child 'The hand-written script'
        }
        '^node' {
            $mode = if ($Client -eq 'node') { 'connector' } else { 'fetch' }
            $child = Invoke-Child -FileName $script:NodeExe -ArgumentList @(
                (Join-Path $NodeDir 'walk.mjs'), '--base-uri', $Emulator.Url, '--start', $RunStartMs, '--end', $RunEndMs,
                '--out', $csv, '--client', $mode) -Environment @{
                BINANCE_API_KEY    = $Emulator.Key.apiKey
                BINANCE_API_SECRET = $Emulator.Key.secret
            }
            $json = Get-JsonLine $child "walk.mjs --client $mode"
            $result.Note = $json.client
            if ($json.fallback) { $result.Note = "FALLBACK to fetch ($($json.fallback))" }
        }
    }
    $stats = Get-Stats $Emulator
    if ($Client -like 'node*') {
        $result.ElapsedMs = [double] $json.elapsedMs
        $result.CpuMs = [double] $json.cpuMs
        $result.PeakWorkingSet = [long] $json.maxRssBytes
    }
    else {
        # The hand-written baseline reports no allocation figures: what a child leaves out stays empty.
        foreach ($name in 'ElapsedMs', 'CpuMs', 'StartedMs', 'PeakWorkingSet', 'VmHWM', 'ManagedHeap', 'Allocated', 'PipelineBytesPerObject') {
            if ($json.PSObject.Properties[$name]) { $result[$name] = $json.$name }
        }
    }
    $result.WallMs = $child.WallMs
    $result.Requests = [long] $stats.interestHistoryRequests
    $result.Ok = [long] $stats.interestHistoryOk
    $result.TooMany = [long] $stats.tooManyRequests
    $result.Banned = [long] $stats.banned
    $result.Records = $Truth.CountIn($RunStartMs, $RunEndMs)
    if (-not $NoCheck) {
        $check = [PmInterestBench.CsvCheck]::Read($csv, $Truth, $RunStartMs, $RunEndMs)
        $result.Check = $check.Text
        $result.Rows = $check.Rows
        $result.Correct = $check.Correct
    }
    else {
        $result.Check = if ($Client -eq 'modulenull') { 'n/a (Out-Null)' } else { 'not checked' }
        $result.Correct = $true
    }
    $result.CsvPath = $csv
    [pscustomobject] $result
}

function Remove-RunCsv { param($Run) if ($Run.CsvPath -and (Test-Path -LiteralPath $Run.CsvPath)) { Remove-Item -LiteralPath $Run.CsvPath -Force } }

function Get-ClientLabel {
    param([string] $Client)
    switch ($Client) {
        'module' { '(m) module' }
        'modulenull' { '(m0) module | Out-Null' }
        'handwritten' { '(a) hand-written' }
        'node' { '(b) Node connector' }
        'nodefetch' { "(b') Node fetch" }
    }
}

#endregion

#region sections

function Invoke-MicroSection {
    Write-Section '1. Micro-benchmarks (BenchmarkDotNet, bench/PmInterest.Benchmarks)'
    $artifacts = Join-Path $BenchRoot 'PmInterest.Benchmarks/BenchmarkDotNet.Artifacts'
    if (Test-Path -LiteralPath $artifacts) { Remove-Item -LiteralPath $artifacts -Recurse -Force }
    Say '  dotnet run -c Release --project bench/PmInterest.Benchmarks -- --filter * (in-process toolchain,'
    Say '  1 launch, 3 warm-up + 10 measured iterations per benchmark; takes about a minute)'
    $child = Invoke-Child -FileName 'dotnet' -ArgumentList @(
        'run', '-c', 'Release', '--project', (Join-Path $BenchRoot 'PmInterest.Benchmarks'), '--',
        '--filter', '*', '--artifacts', $artifacts) -TimeoutSeconds 900
    $null = New-Item -ItemType Directory -Path $artifacts -Force
    $log = Join-Path $artifacts 'console.log'
    Set-Content -LiteralPath $log -Value ($child.StdOut + $child.StdErr) -Encoding utf8
    if ($child.ExitCode -ne 0) {
        Say "  BenchmarkDotNet failed (exit code $($child.ExitCode)); see $([System.IO.Path]::GetRelativePath($RepoRoot, $log))."
        Say (($child.StdOut -split '\r?\n' | Select-Object -Last 30) -join "`n")
        $script:Micro = $null
        return
    }
    $lines = $child.StdOut -split '\r?\n'
    $from = [Array]::IndexOf($lines, ($lines | Where-Object { $_ -like '// `* Summary `**' } | Select-Object -First 1))
    if ($from -ge 0) {
        Say ''
        Say '  BenchmarkDotNet summary:'
        for ($i = $from + 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i] -like '// `* Hints `**' -or $lines[$i] -like '// `* Legends `**' -or $lines[$i] -like '// `* Warnings `**') { break }
            Say ('  ' + $lines[$i])
        }
    }

    $json = Get-ChildItem -LiteralPath (Join-Path $artifacts 'results') -Filter '*-report-full.json' -File | Select-Object -First 1
    if (-not $json) { Say '  (no JSON report found)'; $script:Micro = $null; return }
    $report = Get-Content -LiteralPath $json.FullName -Raw | ConvertFrom-Json
    $byMethod = @{}
    foreach ($b in $report.Benchmarks) { $byMethod[$b.Method] = $b }
    $script:Micro = [pscustomobject]@{
        HmacNs        = $byMethod['SignHmac'].Statistics.Median
        RsaNs         = $byMethod['SignRsa2048'].Statistics.Median
        Ed25519Ns     = $byMethod['SignEd25519'].Statistics.Median
        ParseNs       = $byMethod['ParsePerRecord'].Statistics.Median
        ParseBytes    = $byMethod['ParsePerRecord'].Memory.BytesAllocatedPerOperation
        HmacBytes     = $byMethod['SignHmac'].Memory.BytesAllocatedPerOperation
        RsaBytes      = $byMethod['SignRsa2048'].Memory.BytesAllocatedPerOperation
        Ed25519Bytes  = $byMethod['SignEd25519'].Memory.BytesAllocatedPerOperation
    }
    $m = $script:Micro
    Say ''
    Say '  Per request and per record (medians of the 10 iterations):'
    Write-Table -Rows @(
        [pscustomobject]@{ What = 'Sign one request, HMAC-SHA256'; Cost = "$(Format-Number ($m.HmacNs / 1000) 2) us"; Allocated = "$($m.HmacBytes) B"; PerPage = "$(Format-Number ($m.HmacNs / 1000) 2) us" }
        [pscustomobject]@{ What = 'Sign one request, RSA-2048'; Cost = "$(Format-Number ($m.RsaNs / 1000) 1) us"; Allocated = "$($m.RsaBytes) B"; PerPage = "$(Format-Number ($m.RsaNs / 1000) 1) us" }
        [pscustomobject]@{ What = 'Sign one request, Ed25519'; Cost = "$(Format-Number ($m.Ed25519Ns / 1000) 1) us"; Allocated = "$($m.Ed25519Bytes) B"; PerPage = "$(Format-Number ($m.Ed25519Ns / 1000) 1) us" }
        [pscustomobject]@{ What = 'Parse one record (page of 100)'; Cost = "$(Format-Number $m.ParseNs 0) ns"; Allocated = "$($m.ParseBytes) B"; PerPage = "$(Format-Number ($m.ParseNs * 100 / 1000) 1) us" }
    ) -Columns @('What', @{ Name = 'Cost'; Expression = { $args[0].Cost } }, 'Allocated', @{ Name = 'Per 100-record page'; Expression = { $args[0].PerPage } })
    Say "  Full BenchmarkDotNet output: $([System.IO.Path]::GetRelativePath($RepoRoot, $log))"
}

function Invoke-EndToEndSection {
    Write-Section '2. End to end against the emulator (fresh process per run; time = first request to CSV closed)'
    Say "  Range: $($RangeStart.ToString('yyyy-MM-dd', $Invariant)) .. $($RangeEnd.ToString('yyyy-MM-dd', $Invariant)) (365 days: 13 windows of 30 days), all assets."
    Say "  Emulator and module weight limit $HighWeightLimit (the rate limit is not what is measured)."
    Say "  At 0 ms latency each client runs $Runs times (median shown); at 50 ms once."
    Say "  Not in the time: process start, Import-Module / Connect-PmAccount, Node's module loading (see 'wall')."
    Say "  Progress meter off in the PowerShell children (`$ProgressPreference = 'SilentlyContinue')."
    Say ''
    $script:E2E = [System.Collections.Generic.List[object]]::new()
    $script:Minimums = [System.Collections.Generic.List[object]]::new()
    foreach ($latency in $Latencies) {
        foreach ($set in $DataSets) {
            $clients = [System.Collections.Generic.List[string]]::new()
            $clients.Add('module')
            if ($latency -eq 0) { $clients.Add('modulenull') }
            $skipBaselines = $latency -gt 0 -and $SkipSlowBaselines -and $set.Name -ne '10k'
            if (-not $skipBaselines) {
                $clients.Add('handwritten')
                if ($script:NodeExe) { $clients.Add('node') }
                if ($script:NodeExe -and $latency -eq 0) { $clients.Add('nodefetch') }
            }
            $runs = if ($latency -eq 0) { $Runs } else { 1 }
            $emulator = Start-BenchEmulator -DataSet $set -LatencyMs $latency
            try {
                $truth = Get-Truth $emulator
                if ($latency -eq 0) {
                    $script:Truths[$set.Name] = $truth
                    $script:Minimums.Add([pscustomobject]@{
                            DataSet   = $set.Name
                            Records   = $truth.Count
                            Windows   = [PmInterestBench.Truth]::Windows($StartMs, $EndMs).Count
                            Minimum   = $truth.MinimumRequests($StartMs, $EndMs)
                            Inclusive = $truth.InclusivePagingRequests($StartMs, $EndMs)
                            Args      = $emulator.Arguments
                        })
                }
                # Warm the emulator's own JIT so the first measured client does not pay for it.
                if ($script:NodeExe) {
                    $warmStart = if ($latency -eq 0) { $StartMs } else { $EndMs - [PmInterestBench.Truth]::SpanMs + 1 }
                    $warm = Invoke-Client -Client 'nodefetch' -Emulator $emulator -Truth $truth -RunStartMs $warmStart -NoCheck
                    Remove-RunCsv $warm
                }
                for ($r = 1; $r -le $runs; $r++) {
                    foreach ($client in $clients) {
                        $run = Invoke-Client -Client $client -Emulator $emulator -Truth $truth
                        Remove-RunCsv $run
                        $run | Add-Member -NotePropertyName DataSet -NotePropertyValue $set.Name
                        $run | Add-Member -NotePropertyName LatencyMs -NotePropertyValue $latency
                        $run | Add-Member -NotePropertyName Run -NotePropertyValue $r
                        $script:E2E.Add($run)
                        Say ("  {0,-5} {1,3} ms  {2,-23} run {3}/{4}: {5,8} s, {6,5} requests, CSV {7}" -f $set.Name, $latency, (Get-ClientLabel $client), $r, $runs,
                            (Format-Number ($run.ElapsedMs / 1000) 2), $run.Requests, $run.Check)
                    }
                }
            }
            finally {
                $emulator | Stop-PmEmulator
            }
        }
    }

    Say ''
    Say '  Data sets and the request minimum (minimum = per 30-day window, max(1, ceil(records/100))):'
    Write-Table -Rows $script:Minimums -Columns @(
        @{ Name = 'Data set'; Expression = { $args[0].DataSet } }
        @{ Name = 'Records'; Expression = { Format-Number $args[0].Records } }
        @{ Name = 'Windows'; Expression = { $args[0].Windows } }
        @{ Name = 'Minimum requests'; Expression = { $args[0].Minimum } }
        @{ Name = 'Inclusive-paging floor'; Expression = { $args[0].Inclusive } }
        @{ Name = 'Emulator arguments'; Expression = { $args[0].Args } }
    )
    Say '  (Inclusive-paging floor: requests any correct pager needs when a full page moves endTime to its'
    Say '   oldest instant inclusive and refetches that instant''s records; simulated on the emulator''s pages.)'

    $script:E2ESummary = [System.Collections.Generic.List[object]]::new()
    foreach ($group in $script:E2E | Group-Object -Property LatencyMs, DataSet, Client) {
        $first = $group.Group[0]
        $minimum = ($script:Minimums | Where-Object DataSet -eq $first.DataSet).Minimum
        $elapsed = Get-Median ([double[]] @($group.Group.ElapsedMs))
        $requests = @($group.Group.Requests | Sort-Object -Unique)
        $peaks = @($group.Group | Where-Object { $_.PeakWorkingSet } | ForEach-Object { [double] $_.PeakWorkingSet })
        $allocations = @($group.Group | Where-Object { $_.Allocated } | ForEach-Object { [double] $_.Allocated })
        $script:E2ESummary.Add([pscustomobject]@{
                DataSet      = $first.DataSet
                LatencyMs    = $first.LatencyMs
                Client       = $first.Client
                Runs         = $group.Count
                Records      = $first.Records
                ElapsedMs    = $elapsed
                RecordsPerS  = $first.Records / ($elapsed / 1000)
                Requests     = $requests[-1]
                RequestsText = ($requests -join '/')
                RequestRatio = $requests[-1] / $minimum
                TooMany      = ($group.Group | Measure-Object -Property TooMany -Sum).Sum
                Correct      = -not @($group.Group | Where-Object { -not $_.Correct }).Count
                Check        = (@($group.Group.Check | Sort-Object -Unique) -join '; ')
                WallMs       = Get-Median ([double[]] @($group.Group.WallMs))
                CpuMs        = Get-Median ([double[]] @($group.Group.CpuMs))
                PeakMB       = if ($peaks.Count) { (Get-Median $peaks) / 1MB } else { $null }
                BytesPerRecord = if ($allocations.Count) { (Get-Median $allocations) / $first.Records } else { $null }
                Note         = (@($group.Group.Note | Where-Object { $_ } | Sort-Object -Unique) -join '; ')
            })
    }
    $order = @{ module = 0; modulenull = 1; handwritten = 2; node = 3; nodefetch = 4 }
    $rows = @($script:E2ESummary | Sort-Object LatencyMs, { [int] ($_.DataSet -replace '\D') }, { $order[$_.Client] })
    Say ''
    Say '  Results:'
    Write-Table -Rows $rows -Columns @(
        @{ Name = 'Latency'; Expression = { "$($args[0].LatencyMs) ms" } }
        @{ Name = 'Data set'; Expression = { $args[0].DataSet } }
        @{ Name = 'Client'; Expression = { Get-ClientLabel $args[0].Client } }
        @{ Name = 'Runs'; Expression = { $args[0].Runs } }
        @{ Name = 'Records'; Expression = { Format-Number $args[0].Records } }
        @{ Name = 'Time s'; Expression = { Format-Number ($args[0].ElapsedMs / 1000) 2 } }
        @{ Name = 'Records/s'; Expression = { Format-Number $args[0].RecordsPerS } }
        @{ Name = 'Requests'; Expression = { $args[0].RequestsText } }
        @{ Name = 'Req/min'; Expression = { Format-Number $args[0].RequestRatio 3 } }
        @{ Name = '429s'; Expression = { $args[0].TooMany } }
        @{ Name = 'CSV vs data set'; Expression = { $args[0].Check } }
        @{ Name = 'CPU s'; Expression = { Format-Number ($args[0].CpuMs / 1000) 2 } }
        @{ Name = 'Wall s'; Expression = { Format-Number ($args[0].WallMs / 1000) 2 } }
        @{ Name = 'Peak MB'; Expression = { if ($null -ne $args[0].PeakMB) { Format-Number $args[0].PeakMB 0 } else { 'n/a' } } }
        @{ Name = 'B/record'; Expression = { if ($null -ne $args[0].BytesPerRecord) { Format-Number $args[0].BytesPerRecord 0 } else { 'n/a' } } }
    )
    Say '  Time s: median over the runs, from just before the first request until the CSV file is closed.'
    Say '  CPU s: CPU time (user + system, all threads) the client process used during Time s (median);'
    Say '  the emulator''s CPU is not in it. On 2 cores client, emulator and anything else share the CPU.'
    Say '  Wall s: the whole child process (start, import/connect or module loading, walk, exit).'
    Say '  Req/min: requests made (from /_emulator/stats, reset before each run) / the minimum above.'
    Say '  Peak MB: peak working set (pwsh) or max RSS (node) of the child process.'
    Say '  B/record: bytes all threads of the module''s process allocated during Time s, per record (median);'
    $pipeline = @($script:E2E | Where-Object { $_.PipelineBytesPerObject } | ForEach-Object { [double] $_.PipelineBytesPerObject })
    if ($pipeline.Count) {
        Say ("  PowerShell's own pipeline is in it: Write-Output of ready records into Out-Null allocates {0} B an object in the same process (median)." -f (Format-Number (Get-Median $pipeline) 0))
    }
    Say '  (m0) and (b''): context, no target. (m0) pipes to Out-Null instead of Export-Csv, which shows'
    Say '  the module''s own cost apart from Export-Csv''s; (b'') is the same Node loop on fetch + crypto.'
    $notes = @($script:E2ESummary | Where-Object { $_.Client -like 'node*' } | ForEach-Object { $_.Note } | Sort-Object -Unique)
    foreach ($n in $notes) { Say "  Node client: $n" }
    if ($script:ConnectorNote) { Say "  NOTE: $($script:ConnectorNote)" }
    if ($SkipSlowBaselines) { Say '  At 50 ms latency the sequential baselines ran on the 10k data set only (-SkipSlowBaselines).' }

    Say ''
    Say '  Ratios (module records/s divided by the other client''s):'
    $ratioRows = foreach ($latency in $Latencies) {
        foreach ($set in $DataSets) {
            $m = $script:E2ESummary | Where-Object { $_.LatencyMs -eq $latency -and $_.DataSet -eq $set.Name -and $_.Client -eq 'module' }
            $get = { param($c) $script:E2ESummary | Where-Object { $_.LatencyMs -eq $latency -and $_.DataSet -eq $set.Name -and $_.Client -eq $c } }
            $a = & $get 'handwritten'; $b = & $get 'node'; $f = & $get 'nodefetch'; $m0 = & $get 'modulenull'
            [pscustomobject]@{
                Latency  = "$latency ms"
                DataSet  = $set.Name
                VsHand   = if ($m -and $a) { Format-Number ($m.RecordsPerS / $a.RecordsPerS) 2 } else { 'n/a' }
                VsNode   = if ($m -and $b) { Format-Number ($m.RecordsPerS / $b.RecordsPerS) 2 } else { 'n/a' }
                VsFetch  = if ($m -and $f) { Format-Number ($m.RecordsPerS / $f.RecordsPerS) 2 } else { 'n/a' }
                NullVsM  = if ($m -and $m0) { Format-Number ($m0.RecordsPerS / $m.RecordsPerS) 2 } else { 'n/a' }
            }
        }
    }
    Write-Table -Rows @($ratioRows) -Columns @(
        'Latency',
        @{ Name = 'Data set'; Expression = { $args[0].DataSet } },
        @{ Name = 'module / hand-written'; Expression = { $args[0].VsHand } },
        @{ Name = 'module / Node connector'; Expression = { $args[0].VsNode } },
        @{ Name = 'module / Node fetch'; Expression = { $args[0].VsFetch } },
        @{ Name = '(m0) Out-Null / (m) Export-Csv'; Expression = { $args[0].NullVsM } }
    )
}

function Invoke-ImportSection {
    Write-Section '3. Import-Module time (fresh dotnet pwsh -NoProfile, Stopwatch around Import-Module only)'
    $times = [System.Collections.Generic.List[double]]::new()
    $walls = [System.Collections.Generic.List[double]]::new()
    for ($i = 1; $i -le 5; $i++) {
        $child = Invoke-ChildPwsh -Script 'lib/Measure-Import.ps1' -ArgumentList @('-ModulePath', $ModulePath)
        $json = Get-JsonLine $child 'Measure-Import.ps1'
        $times.Add([double] $json.ImportMs)
        $walls.Add($child.WallMs)
    }
    $script:ImportMedian = Get-Median $times.ToArray()

    # Context: what the first Import-Module in a fresh process costs PowerShell itself, with a
    # script module that holds one empty function (no assembly, no format file).
    $emptyDir = Join-Path $WorkDir 'EmptyModule'
    $null = New-Item -ItemType Directory -Path $emptyDir -Force
    Set-Content -LiteralPath (Join-Path $emptyDir 'EmptyModule.psm1') -Value 'function Get-Nothing { }' -Encoding utf8
    $empty = [System.Collections.Generic.List[double]]::new()
    for ($i = 1; $i -le 5; $i++) {
        $child = Invoke-ChildPwsh -Script 'lib/Measure-Import.ps1' -ArgumentList @('-ModulePath', (Join-Path $emptyDir 'EmptyModule.psm1'))
        $empty.Add([double] (Get-JsonLine $child 'Measure-Import.ps1 (empty module)').ImportMs)
    }
    $script:ImportEmptyMedian = Get-Median $empty.ToArray()
    # Context: the module's assembly imported directly (no manifest, no format file).
    $dllOnly = [System.Collections.Generic.List[double]]::new()
    $dll = Join-Path (Split-Path -Parent $ModulePath) 'PmInterest.dll'
    for ($i = 1; $i -le 5; $i++) {
        $child = Invoke-ChildPwsh -Script 'lib/Measure-Import.ps1' -ArgumentList @('-ModulePath', $dll)
        $dllOnly.Add([double] (Get-JsonLine $child 'Measure-Import.ps1 (PmInterest.dll)').ImportMs)
    }
    Write-Table -Rows @(
        [pscustomobject]@{ What = 'Import-Module PmInterest.psd1 (ms)'; Values = (($times | ForEach-Object { Format-Number $_ 1 }) -join ', '); Median = Format-Number $script:ImportMedian 1 }
        [pscustomobject]@{ What = 'Whole process, for context (ms)'; Values = (($walls | ForEach-Object { Format-Number $_ 0 }) -join ', '); Median = Format-Number (Get-Median $walls.ToArray()) 0 }
        [pscustomobject]@{ What = 'Context: Import-Module of an empty script module (ms)'; Values = (($empty | ForEach-Object { Format-Number $_ 1 }) -join ', '); Median = Format-Number $script:ImportEmptyMedian 1 }
        [pscustomobject]@{ What = 'Context: Import-Module PmInterest.dll alone (ms)'; Values = (($dllOnly | ForEach-Object { Format-Number $_ 1 }) -join ', '); Median = Format-Number (Get-Median $dllOnly.ToArray()) 1 }
    ) -Columns @('What', @{ Name = '5 fresh processes'; Expression = { $args[0].Values } }, 'Median')
    Say '  The empty module shows what PowerShell''s own first Import-Module in a process costs here;'
    Say '  the difference is what the module adds. PmInterest.dll alone: the binary module without its'
    Say '  manifest and format file (the manifest''s RootModule, FormatsToProcess and checks are the rest).'
}

function Invoke-MemorySection {
    Write-Section '4. Peak memory of a fresh pwsh running Get-PmNegativeBalanceInterest ... | Export-Csv'
    $rows = foreach ($set in $DataSets) {
        $runs = @()
        if ($script:E2E) {
            $runs = @($script:E2E | Where-Object { $_.Client -eq 'module' -and $_.LatencyMs -eq 0 -and $_.DataSet -eq $set.Name })
        }
        if (-not $runs) {
            $emulator = Start-BenchEmulator -DataSet $set
            try {
                $truth = Get-Truth $emulator
                $runs = @(for ($r = 1; $r -le $Runs; $r++) { $run = Invoke-Client -Client 'module' -Emulator $emulator -Truth $truth; Remove-RunCsv $run; $run })
            }
            finally { $emulator | Stop-PmEmulator }
        }
        [pscustomobject]@{
            DataSet  = $set.Name
            Records  = $runs[0].Records
            Runs     = $runs.Count
            Peak     = Get-Median ([double[]] @($runs.PeakWorkingSet))
            Hwm      = Get-Median ([double[]] @($runs | ForEach-Object { if ($_.VmHWM) { [double] $_.VmHWM } else { [double]::NaN } }))
            Heap     = Get-Median ([double[]] @($runs.ManagedHeap))
            AllPeaks = (@($runs.PeakWorkingSet | ForEach-Object { Format-Number ($_ / 1MB) 0 }) -join ', ')
            Hand     = @($script:E2E | Where-Object { $_.Client -eq 'handwritten' -and $_.LatencyMs -eq 0 -and $_.DataSet -eq $set.Name } | ForEach-Object { [double] $_.PeakWorkingSet })
        }
    }
    $rows = @($rows)
    Say '  Figures from the module runs at 0 ms latency (one fresh process each; median of the runs),'
    Say '  read in the child after the pipeline and a full GC: PeakWorkingSet64 and /proc/self/status VmHWM.'
    Write-Table -Rows $rows -Columns @(
        @{ Name = 'Data set'; Expression = { $args[0].DataSet } }
        @{ Name = 'Records'; Expression = { Format-Number $args[0].Records } }
        'Runs'
        @{ Name = 'Peak working set MB'; Expression = { Format-Number ($args[0].Peak / 1MB) 1 } }
        @{ Name = 'VmHWM MB'; Expression = { Format-Number ($args[0].Hwm / 1MB) 1 } }
        @{ Name = 'Managed heap after GC MB'; Expression = { Format-Number ($args[0].Heap / 1MB) 1 } }
        @{ Name = 'Each run, peak MB'; Expression = { $args[0].AllPeaks } }
        @{ Name = 'Hand-written peak MB'; Expression = { if ($args[0].Hand) { Format-Number ((Get-Median $args[0].Hand) / 1MB) 0 } else { 'n/a' } } }
    )
    $script:MemoryRatio = $rows[1].Peak / $rows[0].Peak
    $script:MemoryRatioHwm = $rows[1].Hwm / $rows[0].Hwm
    Say "  Ratio 100k / 10k: peak working set $(Format-Number $script:MemoryRatio 3), VmHWM $(Format-Number $script:MemoryRatioHwm 3)"
}

function Invoke-PacingSection {
    Write-Section "5. Rate-limit pacing (emulator and module weight limit $PacingWeightLimit per 60 s window)"
    $set = $DataSets[0]
    $emulator = Start-BenchEmulator -DataSet $set -WeightLimit $PacingWeightLimit
    try {
        $truth = Get-Truth $emulator
        # The shortest range ending at the data set's end that needs at least 45 requests.
        $days = 30
        while ($days -lt 365 -and $truth.InclusivePagingRequests($EndMs - [long] $days * 86400000, $EndMs) -lt $PacingRequestsWanted) { $days++ }
        $from = $EndMs - [long] $days * 86400000
        $perWindow = [Math]::Floor($PacingWeightLimit / 50)
        Say "  Range: the last $days days of the 10k data set ($(Format-Number $truth.CountIn($from, $EndMs)) records; minimum $($truth.MinimumRequests($from, $EndMs)) requests,"
        Say "  inclusive-paging floor $($truth.InclusivePagingRequests($from, $EndMs))). $perWindow requests of weight 50 fit in one window."
        Say '  The child starts the fetch early in a weight window (waiting for the next one if need be), so the'
        Say '  first window''s budget is whole; fresh process, Connect-PmAccount -WeightLimit 1500.'
        $run = Invoke-Client -Client 'module' -Emulator $emulator -Truth $truth -RunStartMs $from -WeightLimit $PacingWeightLimit -FreshWindowAfterSeconds 15
        Remove-RunCsv $run
        $windowMs = 60000
        $t0 = [long] $run.StartedMs
        $firstWindow = [Math]::Floor($t0 / $windowMs)
        $lastWindow = $firstWindow + [Math]::Floor(($run.Requests - 1) / $perWindow)
        $allowedMs = $lastWindow * $windowMs - $t0
        $script:Pacing = [pscustomobject]@{
            Days      = $days
            Records   = $run.Records
            Requests  = $run.Requests
            Minimum   = $truth.MinimumRequests($from, $EndMs)
            TooMany   = $run.TooMany
            Banned    = $run.Banned
            Check     = $run.Check
            Correct   = $run.Correct
            OffsetS   = ($t0 % $windowMs) / 1000
            AllowedMs = $allowedMs
            ElapsedMs = $run.ElapsedMs
            Ratio     = if ($allowedMs -gt 0) { $run.ElapsedMs / $allowedMs } else { [double]::NaN }
        }
        $p = $script:Pacing
        Write-Table -Rows @($p) -Columns @(
            @{ Name = 'Records'; Expression = { Format-Number $args[0].Records } }
            @{ Name = 'Requests'; Expression = { $args[0].Requests } }
            @{ Name = '429s'; Expression = { $args[0].TooMany } }
            @{ Name = '418s'; Expression = { $args[0].Banned } }
            @{ Name = 'CSV vs data set'; Expression = { $args[0].Check } }
            @{ Name = 'Start in window s'; Expression = { Format-Number $args[0].OffsetS 2 } }
            @{ Name = 'Time allowed s'; Expression = { Format-Number ($args[0].AllowedMs / 1000) 2 } }
            @{ Name = 'Time taken s'; Expression = { Format-Number ($args[0].ElapsedMs / 1000) 2 } }
            @{ Name = 'Taken / allowed'; Expression = { Format-Number $args[0].Ratio 3 } }
        )
        Say '  Time allowed: from the first request to the start of the weight window in which the last request'
        Say "  may be sent (request n goes in window floor((n-1)/$perWindow) after the first one's)."
        Say '  Time taken: from just before the first request until the CSV is closed.'
    }
    finally {
        $emulator | Stop-PmEmulator
    }
}

function Invoke-ValuationSection {
    Write-Section '6. Valuation: Add-PmInterestValue against the emulator''s market data (fresh process per row)'
    Say "  Records: one per asset ($($ValuationAssets -join ', ')) a day at 00:00 UTC through 2025 (1,825), or every hour"
    Say '  (43,800); each row is a fresh process valuing them twice in one session: cold (nothing known) and warm'
    Say '  (every price in the session''s cache). Requests are the emulator''s counts; time is the pipeline''s,'
    Say '  Import-Module excluded. The minimum for a daily year is one 1d klines request per symbol.'
    $rows = [System.Collections.Generic.List[object]]::new()
    foreach ($case in @(
            [pscustomobject]@{ LatencyMs = 0; Step = 1440; Quote = 'USDT' }
            [pscustomobject]@{ LatencyMs = 0; Step = 1440; Quote = 'EUR' }
            [pscustomobject]@{ LatencyMs = 50; Step = 1440; Quote = 'USDT' }
            [pscustomobject]@{ LatencyMs = 0; Step = 60; Quote = 'USDT' }
            [pscustomobject]@{ LatencyMs = 50; Step = 60; Quote = 'USDT' })) {
        $emulator = Start-PmEmulator -ArgumentList @('--seed', '1', '--days', '2', '--latency-ms', [string] $case.LatencyMs) -EmulatorDll $EmulatorDll -TimeoutSeconds 120
        try {
            $child = Invoke-ChildPwsh -Script 'lib/Invoke-Valuation.ps1' -ArgumentList @(
                '-ModulePath', $ModulePath, '-BaseUri', $emulator.Url, '-Assets', ($ValuationAssets -join ','),
                '-StepMinutes', $case.Step, '-Quote', $case.Quote)
            $json = Get-JsonLine $child 'The valuation run'
        }
        finally {
            $emulator | Stop-PmEmulator
        }
        $rows.Add([pscustomobject]@{
                Data        = if ($case.Step -eq 1440) { 'daily year' } else { 'hourly year' }
                Quote       = $case.Quote
                LatencyMs   = $case.LatencyMs
                Records     = [long] $json.Records
                ColdKlines  = [long] $json.Cold.Klines
                ColdSymbols = [long] $json.Cold.Symbols
                ColdMs      = [double] $json.Cold.Ms
                WarmKlines  = [long] $json.Warm.Klines + [long] $json.Warm.Symbols
                WarmMs      = [double] $json.Warm.Ms
                Unpriced    = [long] $json.Cold.Unpriced + [long] $json.Warm.Unpriced
            })
    }
    Write-Table -Rows $rows -Columns @(
        'Data', 'Quote'
        @{ Name = 'Latency'; Expression = { "$($args[0].LatencyMs) ms" } }
        @{ Name = 'Records'; Expression = { Format-Number $args[0].Records } }
        @{ Name = 'Cold requests'; Expression = { "$($args[0].ColdKlines) klines + $($args[0].ColdSymbols) exchangeInfo" } }
        @{ Name = 'Cold s'; Expression = { Format-Number ($args[0].ColdMs / 1000) 3 } }
        @{ Name = 'Cold rec/s'; Expression = { Format-Number ($args[0].Records / ($args[0].ColdMs / 1000)) } }
        @{ Name = 'Warm requests'; Expression = { $args[0].WarmKlines } }
        @{ Name = 'Warm s'; Expression = { Format-Number ($args[0].WarmMs / 1000) 3 } }
        @{ Name = 'Warm rec/s'; Expression = { Format-Number ($args[0].Records / ($args[0].WarmMs / 1000)) } }
        @{ Name = 'Unpriced'; Expression = { $args[0].Unpriced } }
    )
    Say '  In EUR the cross route adds EURUSDT: one request more (BTCUSDT*1/EURUSDT and so on).'
    $script:Valuation = $rows
}

function Write-FinalSummary {
    Write-Section 'Summary against the targets (one run; figures, then met / not met)'
    $rows = [System.Collections.Generic.List[object]]::new()
    function Add-Row($Target, $Figure, $Met, $Note = '') {
        $status = if ($null -eq $Met) { 'not measured' } elseif ($Met) { 'met' } else { 'not met' }
        $rows.Add([pscustomobject]@{ Target = $Target; Figure = $Figure; Status = $status; Note = $Note })
    }
    if ($script:E2ESummary) {
        foreach ($set in $DataSets) {
            $m = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 0 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'module' }
            $min = ($script:Minimums | Where-Object DataSet -eq $set.Name)
            if ($m) {
                Add-Row "Requests <= 1.01 x minimum ($($set.Name))" "$($m.Requests) / $($min.Minimum) = $(Format-Number $m.RequestRatio 3)" ($m.RequestRatio -le 1.01) "inclusive-paging floor $($min.Inclusive) = $(Format-Number ($min.Inclusive / $min.Minimum) 3) x minimum"
            }
        }
        foreach ($set in $DataSets) {
            $m = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 0 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'module' }
            $a = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 0 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'handwritten' }
            if ($m -and $a) {
                $r = $m.RecordsPerS / $a.RecordsPerS
                Add-Row "0 ms: module >= 3 x hand-written records/s ($($set.Name))" "$(Format-Number $m.RecordsPerS) / $(Format-Number $a.RecordsPerS) = $(Format-Number $r 2) x" ($r -ge 3)
            }
        }
        foreach ($set in $DataSets) {
            $m = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 0 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'module' }
            $b = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 0 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'node' }
            if ($m -and $b) {
                $r = $m.RecordsPerS / $b.RecordsPerS
                Add-Row "0 ms: module >= Node loop records/s ($($set.Name))" "$(Format-Number $m.RecordsPerS) / $(Format-Number $b.RecordsPerS) = $(Format-Number $r 2) x" ($r -ge 1) $b.Note
            }
        }
        foreach ($set in $DataSets) {
            $m = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 50 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'module' }
            $a = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 50 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'handwritten' }
            $b = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 50 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'node' }
            if ($m -and $a) {
                $text = "module / hand-written $(Format-Number ($m.RecordsPerS / $a.RecordsPerS) 2) x"
                if ($b) { $text += ", module / Node $(Format-Number ($m.RecordsPerS / $b.RecordsPerS) 2) x" }
                $rows.Add([pscustomobject]@{ Target = "(context) 50 ms latency ($($set.Name))"; Figure = $text; Status = 'no target'; Note = "module $(Format-Number ($m.ElapsedMs / 1000) 1) s, hand-written $(Format-Number ($a.ElapsedMs / 1000) 1) s" })
            }
        }
        foreach ($set in $DataSets) {
            $m0 = $script:E2ESummary | Where-Object { $_.LatencyMs -eq 0 -and $_.DataSet -eq $set.Name -and $_.Client -eq 'modulenull' }
            if ($m0 -and $null -ne $m0.BytesPerRecord) {
                Add-Row "Allocated <= 1,536 B a record, module | Out-Null ($($set.Name))" "$(Format-Number $m0.BytesPerRecord 0) B" ($m0.BytesPerRecord -le 1536) 'all threads, PowerShell''s own pipeline included'
            }
        }
        $checked = @($script:E2ESummary | Where-Object { $_.Client -ne 'modulenull' })
        $wrong = @($checked | Where-Object { -not $_.Correct })
        Add-Row 'Every client''s CSV matches the data set' "$($checked.Count - $wrong.Count) of $($checked.Count) client/data-set/latency groups correct" ($wrong.Count -eq 0) (($wrong | ForEach-Object { "$($_.Client) $($_.DataSet) $($_.LatencyMs) ms: $($_.Check)" }) -join '; ')
    }
    else {
        Add-Row 'End to end targets' 'section not run' $null
    }
    if ($null -ne $script:ImportMedian) {
        Add-Row 'Import-Module < 100 ms (median of 5)' "$(Format-Number $script:ImportMedian 1) ms" ($script:ImportMedian -lt 100) "an empty script module: $(Format-Number $script:ImportEmptyMedian 1) ms"
    }
    else { Add-Row 'Import-Module < 100 ms' 'section not run' $null }
    if ($null -ne $script:MemoryRatio) {
        Add-Row 'Peak memory 100k <= 1.10 x 10k' "$(Format-Number $script:MemoryRatio 3) x (VmHWM $(Format-Number $script:MemoryRatioHwm 3) x)" ($script:MemoryRatio -le 1.10)
    }
    else { Add-Row 'Peak memory 100k <= 1.10 x 10k' 'section not run' $null }
    if ($script:Pacing) {
        $p = $script:Pacing
        Add-Row 'Pacing: no 429' "$($p.TooMany) x 429, $($p.Banned) x 418 in $($p.Requests) requests" ($p.TooMany -eq 0 -and $p.Banned -eq 0)
        Add-Row 'Pacing: time <= 1.10 x time allowed' "$(Format-Number ($p.ElapsedMs / 1000) 2) s / $(Format-Number ($p.AllowedMs / 1000) 2) s = $(Format-Number $p.Ratio 3)" ($p.Ratio -le 1.10 -and $p.Correct)
    }
    else { Add-Row 'Pacing' 'section not run' $null }
    if ($script:Valuation) {
        $daily = $script:Valuation | Where-Object { $_.Data -eq 'daily year' -and $_.Quote -eq 'USDT' -and $_.LatencyMs -eq 0 }
        Add-Row 'Valuation: a daily year is one klines request per symbol, none warm' "$($daily.ColdKlines) klines for $($ValuationAssets.Count) symbols cold, $($daily.WarmKlines) warm" ($daily.ColdKlines -eq $ValuationAssets.Count -and $daily.WarmKlines -eq 0 -and $daily.Unpriced -eq 0)
    }
    else { Add-Row 'Valuation' 'section not run' $null }
    if ($script:Micro) {
        $m = $script:Micro
        Say "  Micro (no target): sign HMAC $(Format-Number ($m.HmacNs / 1000) 2) us, RSA-2048 $(Format-Number ($m.RsaNs / 1000) 1) us, Ed25519 $(Format-Number ($m.Ed25519Ns / 1000) 1) us per request; parse $(Format-Number $m.ParseNs 0) ns per record."
    }
    Write-Table -Rows $rows -Columns @('Target', 'Figure', 'Status', 'Note')
}

#endregion

# ---------------------------------------------------------------------------------------------

if (-not $ModulePath -or -not (Test-Path -LiteralPath $ModulePath -PathType Leaf)) {
    throw "The built module '$ModulePath' does not exist; run 'dotnet pwsh -NoProfile -File ./build.ps1 -Task Bench' (or set PMINTEREST_MODULE_PATH)."
}
if (-not $EmulatorDll -or -not (Test-Path -LiteralPath $EmulatorDll -PathType Leaf)) {
    throw "The emulator '$EmulatorDll' does not exist; run 'dotnet pwsh -NoProfile -File ./build.ps1 -Task Bench' (or set PMINTEREST_EMULATOR_DLL)."
}
$AllSections = @('Micro', 'EndToEnd', 'Import', 'Memory', 'Pacing', 'Valuation')
$Section = @($Section | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
foreach ($name in $Section) {
    if ($AllSections -notcontains $name) { throw "Unknown section '$name'; use $($AllSections -join ', ')." }
}
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).Path
$EmulatorDll = (Resolve-Path -LiteralPath $EmulatorDll).Path
Import-Module (Join-Path $RepoRoot 'tests/TestHelpers.psm1') -Force
Add-Type -Path (Join-Path $BenchRoot 'lib/BenchTools.cs')
$null = New-Item -ItemType Directory -Path $WorkDir -Force
$script:Truths = @{}
$script:E2E = $null
$script:E2ESummary = $null
$script:Valuation = $null
$script:Minimums = $null
$script:ImportMedian = $null
$script:ImportEmptyMedian = $null
$script:MemoryRatio = $null
$script:MemoryRatioHwm = $null
$script:Pacing = $null
$script:Micro = $null
$script:ConnectorNote = $null
$script:NodeExe = $null
$benchWatch = [System.Diagnostics.Stopwatch]::StartNew()

try {
    Say 'PmInterest benchmarks'
    Say "  $([DateTime]::UtcNow.ToString('yyyy-MM-dd HH:mm:ss', $Invariant))Z; $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription); $([Environment]::ProcessorCount) logical cores"
    Say "  PowerShell $($PSVersionTable.PSVersion); .NET $([Environment]::Version); module $([System.IO.Path]::GetRelativePath($RepoRoot, $ModulePath))"
    Say "  Load average at start: $(Get-LoadAverage) (other work on the machine skews every figure)"

    if ($Section -contains 'EndToEnd') {
        $node = Get-Command -Name 'node' -CommandType Application -ErrorAction Ignore | Select-Object -First 1
        if (-not $node) {
            $script:ConnectorNote = 'node is not on PATH: the Node baselines were not run.'
        }
        else {
            $script:NodeExe = $node.Source
            $nodeVersion = (Invoke-Child -FileName $script:NodeExe -ArgumentList @('--version')).StdOut.Trim()
            Say "  Node $nodeVersion ($($script:NodeExe))"
            $pinned = (Get-Content -LiteralPath (Join-Path $NodeDir 'package.json') -Raw | ConvertFrom-Json).dependencies.$ConnectorPackage
            $installedJson = Join-Path $NodeDir "node_modules/$ConnectorPackage/package.json"
            $installed = if (Test-Path -LiteralPath $installedJson) { (Get-Content -LiteralPath $installedJson -Raw | ConvertFrom-Json).version } else { $null }
            if ($installed -ne $pinned) {
                $npm = Get-Command -Name 'npm' -CommandType Application -ErrorAction Ignore | Select-Object -First 1
                if ($npm) {
                    Say "  npm install --prefix bench/node --no-audit --no-fund ($ConnectorPackage $pinned)"
                    $install = Invoke-Child -FileName $npm.Source -ArgumentList @('install', '--prefix', $NodeDir, '--no-audit', '--no-fund') -TimeoutSeconds 300
                    if ($install.ExitCode -ne 0) {
                        $script:ConnectorNote = "npm install failed (exit code $($install.ExitCode)); walk.mjs falls back to Node's fetch + crypto. $($install.StdErr.Trim())"
                    }
                }
                else {
                    $script:ConnectorNote = "npm is not on PATH and $ConnectorPackage is not installed; walk.mjs falls back to Node's fetch + crypto."
                }
                if (Test-Path -LiteralPath $installedJson) { $installed = (Get-Content -LiteralPath $installedJson -Raw | ConvertFrom-Json).version }
            }
            if ($installed) { Say "  $ConnectorPackage $installed installed in bench/node/node_modules" }
        }
    }

    if ($Section -contains 'Micro') { Invoke-MicroSection }
    if ($Section -contains 'EndToEnd') { Invoke-EndToEndSection }
    if ($Section -contains 'Import') { Invoke-ImportSection }
    if ($Section -contains 'Memory') { Invoke-MemorySection }
    if ($Section -contains 'Pacing') { Invoke-PacingSection }
    if ($Section -contains 'Valuation') { Invoke-ValuationSection }
    Write-FinalSummary
    Say ''
    Say "Benchmarks finished in $(Format-Number $benchWatch.Elapsed.TotalMinutes 1) min; load average at the end: $(Get-LoadAverage)."
}
finally {
    Remove-Item -LiteralPath $WorkDir -Recurse -Force -ErrorAction Ignore
    $script:Http.Dispose()
    $null = New-Item -ItemType Directory -Path $ResultsDir -Force
    Set-Content -LiteralPath (Join-Path $ResultsDir 'last-run.txt') -Value $script:Report -Encoding utf8
}
