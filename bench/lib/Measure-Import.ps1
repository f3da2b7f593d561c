<#
    Child process of Run-Benchmarks.ps1 (a fresh 'dotnet pwsh -NoProfile'): times Import-Module of
    the built manifest with a Stopwatch around the call alone. Writes one JSON line to stdout.
#>
param([Parameter(Mandatory)][string] $ModulePath)
$ErrorActionPreference = 'Stop'
$watch = [System.Diagnostics.Stopwatch]::StartNew()
Import-Module -Name $ModulePath
$watch.Stop()
$commands = @(Get-Command -Module PmInterest).Count
[ordered]@{ ImportMs = $watch.Elapsed.TotalMilliseconds; Commands = $commands } | ConvertTo-Json -Compress
