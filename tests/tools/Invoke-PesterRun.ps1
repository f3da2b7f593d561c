<#
.SYNOPSIS
    Runs Pester over tests/*.Tests.ps1 and writes the counts as JSON; build.ps1 -Task Test runs it
    in a child PowerShell and reads the JSON.

.DESCRIPTION
    A file or block that failed with no failed test in it (a discovery error, a failed AfterAll)
    counts as one failure; a failed BeforeAll fails the tests under it, which are counted already.
    Always exits 0 once the summary is written: the counts carry the outcome.
#>
param(
    [Parameter(Mandatory)][string] $PesterModule,
    [Parameter(Mandatory)][string] $TestsDirectory,
    [Parameter(Mandatory)][string] $SummaryPath,
    [Parameter(Mandatory)][string] $ResultXmlPath
)
Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
Import-Module -Name $PesterModule -Force

$configuration = New-PesterConfiguration
$configuration.Run.Path = @(Get-ChildItem -LiteralPath $TestsDirectory -Filter '*.Tests.ps1' -File | Sort-Object Name | ForEach-Object FullName)
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Output.Verbosity = 'Detailed'
if ($env:NO_COLOR) { $configuration.Output.RenderMode = 'Plaintext' }
$configuration.TestResult.Enabled = $true
$configuration.TestResult.OutputFormat = 'NUnitXml'
$configuration.TestResult.OutputPath = $ResultXmlPath

$result = Invoke-Pester -Configuration $configuration

function Test-HasFailedTest($block) {
    $tests = $block.PSObject.Properties['Tests']
    if ($tests -and @($tests.Value | Where-Object { $_.Result -eq 'Failed' }).Count) { return $true }
    $blocks = $block.PSObject.Properties['Blocks']
    foreach ($child in @(if ($blocks) { $blocks.Value })) { if (Test-HasFailedTest $child) { return $true } }
    $false
}
$failedContainers = @($result.FailedContainers | Where-Object { -not (Test-HasFailedTest $_) }).Count
$failedBlocks = @($result.FailedBlocks | Where-Object { -not (Test-HasFailedTest $_) }).Count

$summary = [ordered]@{
    Passed           = [int] $result.PassedCount
    Failed           = [int] $result.FailedCount + $failedContainers + $failedBlocks
    Skipped          = [int] $result.SkippedCount + [int] $result.InconclusiveCount
    Result           = [string] $result.Result
    FailedContainers = @($result.FailedContainers | ForEach-Object { [string] $_.Item })
    FailedBlocks     = @($result.FailedBlocks | ForEach-Object { $_.ExpandedPath })
    Files            = @($result.Containers | ForEach-Object {
            [ordered]@{
                Name    = Split-Path -Leaf ([string] $_.Item)
                Result  = [string] $_.Result
                Passed  = [int] $_.PassedCount
                Failed  = [int] $_.FailedCount
                Skipped = [int] $_.SkippedCount + [int] $_.InconclusiveCount
            }
        })
}
$summary | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $SummaryPath -Encoding utf8
exit 0
