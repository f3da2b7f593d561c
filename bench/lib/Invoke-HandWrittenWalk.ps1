<#
    Child process of Run-Benchmarks.ps1 (a fresh 'dotnet pwsh -NoProfile'): runs the hand-written
    baseline bench/baselines/HandWritten.ps1 and times it from its call until the CSV is closed
    (with the CPU time the process used meanwhile).
    Then it collects garbage and reads the process's peak memory. Writes one JSON line to stdout.
#>
param(
    [Parameter(Mandatory)][string] $BaseUri,
    [Parameter(Mandatory)][string] $KeyFile,
    [Parameter(Mandatory)][long] $StartMs,
    [Parameter(Mandatory)][long] $EndMs,
    [Parameter(Mandatory)][string] $OutFile
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
. (Join-Path $PSScriptRoot 'ChildCommon.ps1')

# The script takes its credentials from the environment, as such scripts usually do.
$key = Get-Content -LiteralPath $KeyFile -Raw | ConvertFrom-Json
$env:BINANCE_API_KEY = $key.apiKey
$env:BINANCE_API_SECRET = $key.secret
$script = Join-Path (Split-Path -Parent $PSScriptRoot) 'baselines/HandWritten.ps1'
$start = [DateTimeOffset]::FromUnixTimeMilliseconds($StartMs).UtcDateTime
$end = [DateTimeOffset]::FromUnixTimeMilliseconds($EndMs).UtcDateTime

$cpuBefore = [System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
$startedMs = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
$watch = [System.Diagnostics.Stopwatch]::StartNew()
& $script -BaseUri $BaseUri -StartTime $start -EndTime $end -OutFile $OutFile
$watch.Stop()
$cpuMs = ([System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpuBefore).TotalMilliseconds

$result = [ordered]@{
    ElapsedMs = $watch.Elapsed.TotalMilliseconds
    StartedMs = $startedMs
    CpuMs     = $cpuMs
}
foreach ($entry in (Get-ChildMemory).GetEnumerator()) { $result[$entry.Key] = $entry.Value }
$result | ConvertTo-Json -Compress
