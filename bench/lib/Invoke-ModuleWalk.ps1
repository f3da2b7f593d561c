<#
    Child process of Run-Benchmarks.ps1 (a fresh 'dotnet pwsh -NoProfile'): imports the built
    module, connects to the emulator and times

        Get-PmNegativeBalanceInterest -StartTime .. -EndTime .. | Export-Csv

    from just before the call until the CSV is closed (import and connect are not in it), with the
    CPU time the process used meanwhile and the bytes all its threads allocated. Then it collects
    garbage and reads the process's peak memory. Writes one JSON line to stdout.
#>
param(
    [Parameter(Mandatory)][string] $ModulePath,
    [Parameter(Mandatory)][string] $BaseUri,
    [Parameter(Mandatory)][string] $KeyFile,
    [Parameter(Mandatory)][long] $StartMs,
    [Parameter(Mandatory)][long] $EndMs,
    [Parameter(Mandatory)][string] $OutFile,
    [int] $WeightLimit = 100000000,
    # Pacing: when the current weight window is already more than this many seconds old, wait
    # for the next one, so the window budget the measurement relies on is whole. 0: no wait.
    [int] $FreshWindowAfterSeconds = 0,
    # Csv (the measured pipeline) or Null: '| Out-Null' instead of Export-Csv, to see the
    # module's own cost apart from Export-Csv's.
    [ValidateSet('Csv', 'Null')][string] $Sink = 'Csv'
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
. (Join-Path $PSScriptRoot 'ChildCommon.ps1')

$key = Get-Content -LiteralPath $KeyFile -Raw | ConvertFrom-Json
$importWatch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module -Name $ModulePath
$importWatch.Stop()
Connect-PmAccount -ApiKey $key.apiKey -ApiSecret (ConvertTo-SecureString -String $key.secret -AsPlainText -Force) `
    -BaseUri $BaseUri -WeightLimit $WeightLimit

$start = [DateTimeOffset]::FromUnixTimeMilliseconds($StartMs).UtcDateTime
$end = [DateTimeOffset]::FromUnixTimeMilliseconds($EndMs).UtcDateTime

if ($FreshWindowAfterSeconds -gt 0) {
    $now = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
    $offset = $now % 60000
    if ($offset -gt $FreshWindowAfterSeconds * 1000 -or $offset -lt 250) {
        # 250 ms past the boundary: clear of the module's 100 ms boundary guard.
        $waitMs = if ($offset -lt 250) { 250 - $offset } else { 60000 - $offset + 250 }
        Start-Sleep -Milliseconds $waitMs
    }
}

$allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
$cpuBefore = [System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime
$startedMs = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
$watch = [System.Diagnostics.Stopwatch]::StartNew()
if ($Sink -eq 'Csv') {
    Get-PmNegativeBalanceInterest -StartTime $start -EndTime $end | Export-Csv -LiteralPath $OutFile -NoTypeInformation
}
else {
    Get-PmNegativeBalanceInterest -StartTime $start -EndTime $end | Out-Null
}
$watch.Stop()
$endedMs = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds()
$cpuMs = ([System.Diagnostics.Process]::GetCurrentProcess().TotalProcessorTime - $cpuBefore).TotalMilliseconds
# Every thread's allocations during the pipeline: the module's and PowerShell's own per-object cost.
$allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore

# For context with the Null sink: what PowerShell itself allocates to pass ready objects from a
# binary cmdlet into Out-Null, so the module's share of the figure above can be told apart.
$pipelineAllocated = $null
if ($Sink -eq 'Null') {
    $objects = [System.Collections.Generic.List[object]]::new()
    for ($i = 0; $i -lt 10000; $i++) { $objects.Add([PmInterest.NegativeBalanceInterest]::new('USDT', 1.5, 0.0001, 10, [datetime]::UtcNow)) }
    Write-Output -InputObject $objects | Out-Null
    $before = [GC]::GetTotalAllocatedBytes($true)
    Write-Output -InputObject $objects | Out-Null
    $pipelineAllocated = ([GC]::GetTotalAllocatedBytes($true) - $before) / $objects.Count
}

$result = [ordered]@{
    ElapsedMs = $watch.Elapsed.TotalMilliseconds
    StartedMs = $startedMs
    EndedMs   = $endedMs
    ImportMs  = $importWatch.Elapsed.TotalMilliseconds
    CpuMs     = $cpuMs
    Allocated = $allocated
    PipelineBytesPerObject = $pipelineAllocated
}
foreach ($entry in (Get-ChildMemory).GetEnumerator()) { $result[$entry.Key] = $entry.Value }
$result | ConvertTo-Json -Compress
