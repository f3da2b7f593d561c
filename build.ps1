<#
.SYNOPSIS
    Builds, tests and packages the PmInterest PowerShell module.

.DESCRIPTION
    Run with the repository's own PowerShell (local tool manifest):

        dotnet tool restore
        dotnet pwsh -NoProfile -File ./build.ps1 -Task Build

    Tasks
      Build  dotnet build of src/PmInterest, then assembles an importable module in
             out/PmInterest/ (manifest stamped with the <Version> of Directory.Build.props,
             PmInterest.dll and its dependency assemblies, format/types files, en-US help).
      Test   Build; every xunit project of PmInterest.sln (dotnet test, TRX results);
             the emulator; Pester over tests/*.Tests.ps1 in a child PowerShell process.
             The last line of output is "N passed, N failed, N skipped"; the exit code is
             non-zero when anything failed.
      Demo   Build; runs tests/Demo.ps1 (if present) in a child PowerShell process.
      Bench  Build; runs bench/Run-Benchmarks.ps1 (if present) in a child PowerShell process.
      Clean  Removes out/, TestResults/ and the bin/ and obj/ folders under src, tests, bench.

    Child scripts and Pester tests find the build through environment variables:
      PMINTEREST_MODULE_PATH   out/PmInterest/PmInterest.psd1
      PMINTEREST_EMULATOR_DLL  tests/PmInterest.Emulator/bin/<Configuration>/net10.0/PmInterest.Emulator.dll

.PARAMETER Task
    Build (default), Test, Demo, Bench or Clean.

.PARAMETER Configuration
    The dotnet build configuration. Release (default) or Debug.
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
# Native exit codes are checked explicitly, with messages that say what failed.
$PSNativeCommandUseErrorActionPreference = $false

$RepoRoot = $PSScriptRoot
$ModuleName = 'PmInterest'
$ModuleProject = Join-Path $RepoRoot 'src/PmInterest/PmInterest.csproj'
$ModuleSourceDir = Join-Path $RepoRoot 'src/PmInterest'
$EmulatorProject = Join-Path $RepoRoot 'tests/PmInterest.Emulator/PmInterest.Emulator.csproj'
$Solution = Join-Path $RepoRoot 'PmInterest.sln'
$SourceManifest = Join-Path $RepoRoot 'PmInterest.psd1'
$VersionProps = Join-Path $RepoRoot 'Directory.Build.props'
$PesterProject = Join-Path $RepoRoot 'tests/tools/Pester.csproj'
$OutRoot = Join-Path $RepoRoot 'out'
$ModuleOutDir = Join-Path $OutRoot $ModuleName
$ModuleOutManifest = Join-Path $ModuleOutDir "$ModuleName.psd1"
$TestResultsDir = Join-Path $RepoRoot 'TestResults'

# Assemblies PowerShell itself provides: referenced at build time, never shipped.
$HostProvidedAssemblies = @(
    'System.Management.Automation.dll'
    'Microsoft.PowerShell.*.dll'
    'Microsoft.Management.Infrastructure*.dll'
    'PowerShellStandard*.dll'
)

#region helpers

function Write-Step {
    param([Parameter(Mandatory)][string] $Message)
    Write-Information "==> $Message" -InformationAction Continue
}

function Write-Note {
    param([Parameter(Mandatory)][string] $Message)
    Write-Information "    $Message" -InformationAction Continue
}

function Get-RelativePath {
    param([Parameter(Mandatory)][string] $Path)
    [System.IO.Path]::GetRelativePath($RepoRoot, $Path)
}

function Assert-DotNet {
    if (-not (Get-Command -Name 'dotnet' -CommandType Application -ErrorAction Ignore)) {
        throw "The .NET SDK ('dotnet') is not on PATH. Install the .NET SDK 10 and run 'dotnet tool restore' first."
    }
}

function Invoke-DotNet {
    <# Runs dotnet with the given arguments, its output going to the host; throws on a non-zero exit code. #>
    param(
        [Parameter(Mandatory)][string[]] $ArgumentList,
        [Parameter(Mandatory)][string] $FailureMessage
    )
    Write-Note "dotnet $($ArgumentList -join ' ')"
    & dotnet @ArgumentList | Out-Host
    $code = $LASTEXITCODE
    if ($code -ne 0) {
        throw "$FailureMessage (dotnet exited with code $code)."
    }
}

function Get-MSBuildTargetPath {
    <# The path of a project's built assembly, as MSBuild computes it; $Fallback when it cannot tell. #>
    param(
        [Parameter(Mandatory)][string] $Project,
        [Parameter(Mandatory)][string] $Fallback
    )
    $value = & dotnet msbuild $Project -nologo "-getProperty:TargetPath" "-p:Configuration=$Configuration" 2>$null
    if ($LASTEXITCODE -eq 0) {
        $path = (@($value) -join '').Trim()
        if ($path) { return $path }
    }
    return $Fallback
}

function Get-ProjectVersion {
    <# The one version number: <Version> in Directory.Build.props. #>
    if (-not (Test-Path -LiteralPath $VersionProps -PathType Leaf)) {
        throw "Cannot find $VersionProps, which holds the module version (<Version>)."
    }
    [xml] $props = Get-Content -LiteralPath $VersionProps -Raw
    $nodes = $props.SelectNodes("/*[local-name()='Project']/*[local-name()='PropertyGroup']/*[local-name()='Version']")
    $values = @($nodes | ForEach-Object { $_.InnerText.Trim() } | Where-Object { $_ } | Select-Object -Unique)
    if ($values.Count -eq 0) {
        throw "Directory.Build.props has no <Version> in a <PropertyGroup>; it must hold the module version (for example <Version>0.1.0</Version>)."
    }
    if ($values.Count -gt 1) {
        throw "Directory.Build.props has more than one <Version> ($($values -join ', ')); keep exactly one."
    }
    $text = $values[0]
    $match = [regex]::Match($text, '^(?<version>\d+\.\d+(\.\d+){0,2})(-(?<pre>[0-9A-Za-z][0-9A-Za-z.-]*))?(\+.*)?$')
    if (-not $match.Success) {
        throw "The <Version> '$text' in Directory.Build.props is not a version PowerShell understands (Major.Minor.Patch with an optional -prerelease suffix)."
    }
    [pscustomobject]@{
        Text       = $text
        Version    = $match.Groups['version'].Value
        Prerelease = $match.Groups['pre'].Value
    }
}

function Set-ManifestVersion {
    <# Writes the repository manifest to $Destination with ModuleVersion (and PSData.Prerelease) stamped. #>
    param(
        [Parameter(Mandatory)][string] $Destination,
        [Parameter(Mandatory)] $Version
    )
    if (-not (Test-Path -LiteralPath $SourceManifest -PathType Leaf)) {
        throw "Cannot find the module manifest $SourceManifest."
    }
    $text = Get-Content -LiteralPath $SourceManifest -Raw
    $versionPattern = '(?m)^(?<lead>\s*ModuleVersion\s*=\s*)([''"])[^''"\r\n]*\1'
    $hits = [regex]::Matches($text, $versionPattern).Count
    if ($hits -ne 1) {
        throw "PmInterest.psd1 must contain exactly one line 'ModuleVersion = ''x.y.z''' for the build to stamp; found $hits."
    }
    $text = [regex]::Replace($text, $versionPattern, "`${lead}'$($Version.Version)'")

    $prePattern = '(?m)^(?<lead>\s*Prerelease\s*=\s*)([''"])[^''"\r\n]*\1'
    if ([regex]::IsMatch($text, $prePattern)) {
        $text = [regex]::Replace($text, $prePattern, "`${lead}'$($Version.Prerelease)'")
    }
    elseif ($Version.Prerelease) {
        $psData = [regex]::Match($text, '(?m)^(?<indent>\s*)PSData\s*=\s*@\{[^\r\n]*\r?\n')
        if (-not $psData.Success) {
            throw "Version '$($Version.Text)' has a prerelease suffix but PmInterest.psd1 has no PrivateData.PSData section to put it in."
        }
        $line = "$($psData.Groups['indent'].Value)    Prerelease = '$($Version.Prerelease)'" + [Environment]::NewLine
        $text = $text.Insert($psData.Index + $psData.Length, $line)
    }
    # UTF-8 with BOM: read correctly by Windows PowerShell 5.1 and by PowerShell 7.
    [System.IO.File]::WriteAllText($Destination, $text, [System.Text.UTF8Encoding]::new($true))
}

function Get-EmulatorDllPath {
    Get-MSBuildTargetPath -Project $EmulatorProject -Fallback (Join-Path $RepoRoot "tests/PmInterest.Emulator/bin/$Configuration/net10.0/PmInterest.Emulator.dll")
}

function Invoke-EmulatorBuild {
    <# Builds the test-only Binance emulator; returns the path of its dll. #>
    Write-Step "Building the emulator ($Configuration)"
    if (-not (Test-Path -LiteralPath $EmulatorProject -PathType Leaf)) {
        throw "Cannot find the emulator project $EmulatorProject."
    }
    Invoke-DotNet -ArgumentList @('build', $EmulatorProject, '-c', $Configuration, '-nologo') -FailureMessage 'Building the emulator (tests/PmInterest.Emulator) failed'
    $dll = Get-EmulatorDllPath
    if (-not (Test-Path -LiteralPath $dll -PathType Leaf)) {
        throw "The emulator built but $dll does not exist."
    }
    $dll
}

function Invoke-ChildPowerShell {
    <# Runs a script in a fresh 'dotnet pwsh -NoProfile' process with the given extra environment; returns its exit code. #>
    param(
        [Parameter(Mandatory)][string] $ScriptPath,
        [string[]] $ArgumentList = @(),
        [hashtable] $Environment = @{}
    )
    $saved = @{}
    foreach ($name in $Environment.Keys) {
        $saved[$name] = [Environment]::GetEnvironmentVariable($name)
        [Environment]::SetEnvironmentVariable($name, [string] $Environment[$name])
    }
    # 'dotnet pwsh' resolves the tool from the manifest in the working directory's ancestry.
    Push-Location -LiteralPath $RepoRoot
    try {
        & dotnet pwsh -NoProfile -NonInteractive -File $ScriptPath @ArgumentList | Out-Host
        $LASTEXITCODE
    }
    finally {
        Pop-Location
        foreach ($name in $saved.Keys) {
            [Environment]::SetEnvironmentVariable($name, $saved[$name])
        }
    }
}

function Invoke-OptionalScript {
    <# Demo and Bench: build, then run a script another part of the repository provides, if it exists. #>
    param(
        [Parameter(Mandatory)][string] $RelativePath,
        [Parameter(Mandatory)][string] $What
    )
    $script = Join-Path $RepoRoot $RelativePath
    Invoke-Build
    $emulatorDll = Invoke-EmulatorBuild
    if (-not (Test-Path -LiteralPath $script -PathType Leaf)) {
        Write-Warning "$RelativePath does not exist yet; there is no $What to run."
        return 0
    }
    # The paths go in as environment variables always, and as -ModulePath / -EmulatorDll
    # when the script declares those parameters.
    $arguments = @()
    $declared = (Get-Command -Name $script -CommandType ExternalScript).Parameters
    if ($declared -and $declared.ContainsKey('ModulePath')) { $arguments += @('-ModulePath', $ModuleOutManifest) }
    if ($declared -and $declared.ContainsKey('EmulatorDll')) { $arguments += @('-EmulatorDll', $emulatorDll) }
    Write-Step "Running $RelativePath"
    $code = Invoke-ChildPowerShell -ScriptPath $script -ArgumentList $arguments -Environment @{
        PMINTEREST_MODULE_PATH  = $ModuleOutManifest
        PMINTEREST_EMULATOR_DLL = $emulatorDll
    }
    if ($code -ne 0) {
        throw "$RelativePath failed (exit code $code)."
    }
    0
}

function Invoke-Demo {
    <# Placeholder: build, then tests/Demo.ps1 (written elsewhere) against the module and the emulator. #>
    Invoke-OptionalScript -RelativePath 'tests/Demo.ps1' -What 'demo'
}

function Invoke-Bench {
    <# Placeholder: build, then bench/Run-Benchmarks.ps1 (written elsewhere). #>
    Invoke-OptionalScript -RelativePath 'bench/Run-Benchmarks.ps1' -What 'benchmark'
}

#endregion

#region Build

function Invoke-Build {
    Write-Step "Building $ModuleName ($Configuration)"
    $version = Get-ProjectVersion
    Invoke-DotNet -ArgumentList @('build', $ModuleProject, '-c', $Configuration, '-nologo') -FailureMessage "Building $ModuleName (src/PmInterest) failed"

    $targetPath = Get-MSBuildTargetPath -Project $ModuleProject -Fallback (Join-Path $ModuleSourceDir "bin/$Configuration/netstandard2.0/$ModuleName.dll")
    if (-not (Test-Path -LiteralPath $targetPath -PathType Leaf)) {
        throw "The build succeeded but $targetPath does not exist."
    }
    $buildOutput = Split-Path -Parent $targetPath

    Write-Step "Assembling $(Get-RelativePath $ModuleOutDir) (version $($version.Text))"
    if (Test-Path -LiteralPath $ModuleOutDir) {
        try {
            Remove-Item -LiteralPath $ModuleOutDir -Recurse -Force
        }
        catch {
            throw "Cannot replace $ModuleOutDir (is the module loaded in a PowerShell session?): $($_.Exception.Message)"
        }
    }
    $null = New-Item -ItemType Directory -Path $ModuleOutDir -Force

    Set-ManifestVersion -Destination $ModuleOutManifest -Version $version

    # The module assembly and its dependencies; not what PowerShell itself provides.
    $assemblies = Get-ChildItem -LiteralPath $buildOutput -Filter '*.dll' -File | Where-Object {
        $name = $_.Name
        -not ($HostProvidedAssemblies | Where-Object { $name -like $_ })
    }
    foreach ($assembly in $assemblies) {
        Copy-Item -LiteralPath $assembly.FullName -Destination $ModuleOutDir
    }

    foreach ($file in "$ModuleName.format.ps1xml", "$ModuleName.types.ps1xml") {
        $source = Join-Path $ModuleSourceDir $file
        if (Test-Path -LiteralPath $source -PathType Leaf) {
            Copy-Item -LiteralPath $source -Destination $ModuleOutDir
        }
    }

    $helpSource = Join-Path $ModuleSourceDir 'en-US'
    if ((Test-Path -LiteralPath $helpSource -PathType Container) -and (Get-ChildItem -LiteralPath $helpSource -File -Recurse)) {
        Copy-Item -LiteralPath $helpSource -Destination $ModuleOutDir -Recurse
    }

    # Say plainly what the manifest refers to but the module folder lacks.
    $manifest = Import-PowerShellDataFile -LiteralPath $ModuleOutManifest
    if ($manifest['ModuleVersion'] -ne $version.Version) {
        throw "Stamping failed: out manifest has ModuleVersion '$($manifest['ModuleVersion'])', expected '$($version.Version)'."
    }
    $rootModule = [string] $manifest['RootModule']
    if (-not $rootModule -or -not (Test-Path -LiteralPath (Join-Path $ModuleOutDir $rootModule) -PathType Leaf)) {
        throw "The manifest's RootModule '$rootModule' is not in $ModuleOutDir."
    }
    foreach ($key in 'FormatsToProcess', 'TypesToProcess') {
        foreach ($file in @($manifest[$key] | Where-Object { $_ })) {
            if (-not (Test-Path -LiteralPath (Join-Path $ModuleOutDir $file) -PathType Leaf)) {
                Write-Warning "The manifest lists $key '$file' but src/PmInterest/$file does not exist; Import-Module will fail until it does."
            }
        }
    }
    $typesFile = "$ModuleName.types.ps1xml"
    if ((Test-Path -LiteralPath (Join-Path $ModuleOutDir $typesFile)) -and -not (@($manifest['TypesToProcess']) -contains $typesFile)) {
        Write-Warning "$typesFile is shipped but PmInterest.psd1 does not list it in TypesToProcess, so PowerShell will not load it."
    }

    foreach ($item in Get-ChildItem -LiteralPath $ModuleOutDir -Recurse -File | Sort-Object FullName) {
        Write-Note (Get-RelativePath $item.FullName)
    }
    Write-Step "Built $(Get-RelativePath $ModuleOutManifest)"
}

#endregion

#region Test

function New-SuiteResult {
    param(
        [Parameter(Mandatory)][string] $Name,
        [int] $Passed = 0,
        [int] $Failed = 0,
        [int] $Skipped = 0,
        [string] $Note = ''
    )
    [pscustomobject]@{ Name = $Name; Passed = $Passed; Failed = $Failed; Skipped = $Skipped; Note = $Note }
}

function Get-SolutionTestProjects {
    <# The projects of the solution that are test projects (IsTestProject or Microsoft.NET.Test.Sdk). #>
    $projects = foreach ($line in Get-Content -LiteralPath $Solution) {
        $m = [regex]::Match($line, '^Project\("\{[^}]+\}"\)\s*=\s*"(?<name>[^"]+)",\s*"(?<path>[^"]+\.csproj)"')
        if (-not $m.Success) { continue }
        $relative = $m.Groups['path'].Value -replace '[\\/]', [System.IO.Path]::DirectorySeparatorChar
        $path = Join-Path $RepoRoot $relative
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { continue }
        $content = Get-Content -LiteralPath $path -Raw
        if ($content -match '<IsTestProject>\s*true\s*</IsTestProject>' -or $content -match 'Include="Microsoft\.NET\.Test\.Sdk"') {
            [pscustomobject]@{
                Name      = [System.IO.Path]::GetFileNameWithoutExtension($path)
                Directory = (Split-Path -Parent $path) + [System.IO.Path]::DirectorySeparatorChar
            }
        }
    }
    @($projects)
}

function Read-TrxFile {
    <# Counters and identity of one TRX file. #>
    param([Parameter(Mandatory)][string] $Path)
    [xml] $trx = Get-Content -LiteralPath $Path -Raw
    $ns = [System.Xml.XmlNamespaceManager]::new($trx.NameTable)
    $ns.AddNamespace('t', $trx.DocumentElement.NamespaceURI)
    $summary = $trx.SelectSingleNode('/t:TestRun/t:ResultSummary', $ns)
    $counters = $trx.SelectSingleNode('/t:TestRun/t:ResultSummary/t:Counters', $ns)
    if (-not $summary -or -not $counters) {
        throw "$Path has no ResultSummary/Counters."
    }
    function Get-Counter([string] $name) {
        $value = $counters.GetAttribute($name)
        if ($value) { [int] $value } else { 0 }
    }
    # The test assembly: TestMethod/@codeBase keeps the path's case; UnitTest/@storage is lower-cased.
    $source = $trx.SelectSingleNode('/t:TestRun/t:TestDefinitions/t:UnitTest/t:TestMethod/@codeBase', $ns)
    if (-not $source) { $source = $trx.SelectSingleNode('/t:TestRun/t:TestDefinitions/t:UnitTest/@storage', $ns) }
    # xunit skips are recorded as NotExecuted results but not always in the notExecuted counter;
    # they always make 'executed' fall short of 'total'.
    $skipped = (Get-Counter 'notExecuted') + (Get-Counter 'inconclusive') + (Get-Counter 'notRunnable')
    $notRun = (Get-Counter 'total') - (Get-Counter 'executed')
    [pscustomobject]@{
        Path    = $Path
        Outcome = $summary.GetAttribute('outcome')
        Storage = if ($source) { $source.Value } else { '' }
        Passed  = (Get-Counter 'passed') + (Get-Counter 'passedButRunAborted') + (Get-Counter 'warning')
        Failed  = (Get-Counter 'failed') + (Get-Counter 'error') + (Get-Counter 'timeout') + (Get-Counter 'aborted')
        Skipped = [Math]::Max($skipped, $notRun)
        Text    = ($trx.SelectNodes('/t:TestRun/t:ResultSummary/t:RunInfos/t:RunInfo/t:Text', $ns) | ForEach-Object { $_.InnerText }) -join ' '
        StdOut  = ($trx.SelectNodes('/t:TestRun/t:ResultSummary/t:Output/t:StdOut', $ns) | ForEach-Object { $_.InnerText }) -join "`n"
    }
}

function Invoke-XunitSuites {
    <# dotnet test over the solution; one result per test project, from its TRX file. #>
    $resultsDir = Join-Path $TestResultsDir 'xunit'
    if (Test-Path -LiteralPath $resultsDir) { Remove-Item -LiteralPath $resultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $resultsDir -Force

    $projects = Get-SolutionTestProjects
    Write-Step "Running xunit tests: $(@($projects.Name) -join ', ')"
    Write-Note "dotnet test $(Get-RelativePath $Solution) -c $Configuration --logger trx --results-directory $(Get-RelativePath $resultsDir)"
    & dotnet test $Solution -c $Configuration --nologo --logger 'trx' --results-directory $resultsDir | Out-Host
    $exitCode = $LASTEXITCODE

    $runs = @(foreach ($file in Get-ChildItem -LiteralPath $resultsDir -Filter '*.trx' -File -Recurse) {
            try { Read-TrxFile -Path $file.FullName }
            catch { Write-Warning "Cannot read $($file.FullName): $($_.Exception.Message)" }
        })

    $results = [System.Collections.Generic.List[object]]::new()
    $matched = [System.Collections.Generic.HashSet[string]]::new()
    foreach ($project in $projects) {
        $projectRuns = @($runs | Where-Object { $_.Storage -and $_.Storage.StartsWith($project.Directory, [StringComparison]::OrdinalIgnoreCase) })
        if ($projectRuns.Count -eq 0) {
            # A run without test definitions (no tests, or a crash before any ran) names its
            # assembly only in its messages.
            $projectRuns = @($runs | Where-Object {
                    -not $_.Storage -and (
                        $_.Text.IndexOf($project.Directory, [StringComparison]::OrdinalIgnoreCase) -ge 0 -or
                        $_.StdOut -match "(?m)Discover(ing|ed):\s+$([regex]::Escape($project.Name))\s*$" )
                })
        }
        if ($projectRuns.Count -eq 0) {
            # No TRX: the project did not build, its test host crashed, or it has no tests.
            if ($exitCode -ne 0) {
                $results.Add((New-SuiteResult -Name $project.Name -Failed 1 -Note 'no test results (did not build or the test host crashed); counted as 1 failed'))
            }
            else {
                $results.Add((New-SuiteResult -Name $project.Name -Note 'no tests'))
            }
            continue
        }
        $passed = 0; $failed = 0; $skipped = 0; $notes = @()
        foreach ($run in $projectRuns) {
            $null = $matched.Add($run.Path)
            $passed += $run.Passed; $failed += $run.Failed; $skipped += $run.Skipped
            if ($run.Outcome -notin 'Completed', 'Passed', 'Warning' -and $run.Failed -eq 0) {
                # The run failed or was aborted without a failed test: a crashed test host.
                $failed += 1
                $notes += "run outcome '$($run.Outcome)' without a failed test (test host crash?); counted as 1 failed. $($run.Text)".Trim()
            }
        }
        if ($passed + $failed + $skipped -eq 0) { $notes += 'no tests' }
        $results.Add((New-SuiteResult -Name $project.Name -Passed $passed -Failed $failed -Skipped $skipped -Note ($notes -join '; ')))
    }
    # TRX files that belong to no known project (a test project outside the solution's list?).
    foreach ($run in $runs | Where-Object { -not $matched.Contains($_.Path) }) {
        $name = if ($run.Storage) { [System.IO.Path]::GetFileNameWithoutExtension($run.Storage) } else { Split-Path -Leaf $run.Path }
        $failed = $run.Failed
        if ($run.Outcome -notin 'Completed', 'Passed', 'Warning' -and $failed -eq 0) { $failed = 1 }
        $results.Add((New-SuiteResult -Name $name -Passed $run.Passed -Failed $failed -Skipped $run.Skipped))
    }

    $failedTotal = ($results | Measure-Object -Property Failed -Sum).Sum
    if ($exitCode -ne 0 -and -not $failedTotal) {
        $results.Add((New-SuiteResult -Name 'dotnet test' -Failed 1 -Note "exited with code $exitCode although no test failed; counted as 1 failed"))
    }
    $results
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) {
        return $env:NUGET_PACKAGES
    }
    $saved = @{ NO_COLOR = $env:NO_COLOR; DOTNET_CLI_UI_LANGUAGE = $env:DOTNET_CLI_UI_LANGUAGE }
    $env:NO_COLOR = '1'
    $env:DOTNET_CLI_UI_LANGUAGE = 'en'
    try {
        $output = @(& dotnet nuget locals global-packages --list)
        $code = $LASTEXITCODE
    }
    finally {
        $env:NO_COLOR = $saved.NO_COLOR
        $env:DOTNET_CLI_UI_LANGUAGE = $saved.DOTNET_CLI_UI_LANGUAGE
    }
    if ($code -ne 0) {
        throw "'dotnet nuget locals global-packages --list' failed (exit code $code); set NUGET_PACKAGES to the NuGet package folder."
    }
    foreach ($line in $output) {
        $m = [regex]::Match([string] $line, '^\s*global-packages:\s*(?<path>.+?)\s*$')
        if ($m.Success) { return $m.Groups['path'].Value }
    }
    throw "Cannot find the NuGet package folder in the output of 'dotnet nuget locals global-packages --list': $($output -join ' '). Set NUGET_PACKAGES."
}

function Get-PesterModulePath {
    <# Restores Pester from NuGet (tests/tools/Pester.csproj) and returns the path of its Pester.psd1. #>
    [xml] $project = Get-Content -LiteralPath $PesterProject -Raw
    $node = $project.SelectSingleNode("//*[local-name()='PackageDownload' and @Include='Pester']")
    if (-not $node) { throw "$PesterProject has no <PackageDownload Include=`"Pester`" Version=`"[x.y.z]`" />." }
    $version = $node.GetAttribute('Version').Trim('[', ']', ' ')
    Invoke-DotNet -ArgumentList @('restore', $PesterProject, '-nologo') -FailureMessage 'Restoring Pester from NuGet (tests/tools/Pester.csproj) failed'
    $root = Get-NuGetPackageRoot
    $psd1 = Join-Path $root "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path -LiteralPath $psd1 -PathType Leaf)) {
        throw "Pester $version was restored but $psd1 does not exist (NuGet package folder: $root)."
    }
    $psd1
}

# Runs in the child PowerShell: Pester over the given files, counts written as JSON.
$PesterRunner = @'
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

# A failed BeforeAll fails the tests under it, which are counted already; a file or block that
# failed with no failed test in it (a discovery error, a failed AfterAll) counts as one failure.
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
'@

function Invoke-PesterSuite {
    param([string] $EmulatorDll)
    $testsDir = Join-Path $RepoRoot 'tests'
    $files = @(Get-ChildItem -LiteralPath $testsDir -Filter '*.Tests.ps1' -File)
    if ($files.Count -eq 0) {
        return New-SuiteResult -Name 'Pester' -Note 'no tests/*.Tests.ps1'
    }
    Write-Step "Running Pester tests: $(@($files.Name) -join ', ')"
    $pesterModule = Get-PesterModulePath

    $resultsDir = Join-Path $TestResultsDir 'pester'
    if (Test-Path -LiteralPath $resultsDir) { Remove-Item -LiteralPath $resultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $resultsDir -Force
    $runner = Join-Path $resultsDir 'Invoke-PesterRun.ps1'
    $summaryPath = Join-Path $resultsDir 'pester-summary.json'
    Set-Content -LiteralPath $runner -Value $PesterRunner -Encoding utf8

    $code = Invoke-ChildPowerShell -ScriptPath $runner -ArgumentList @(
        '-PesterModule', $pesterModule,
        '-TestsDirectory', $testsDir,
        '-SummaryPath', $summaryPath,
        '-ResultXmlPath', (Join-Path $resultsDir 'pester-results.xml')
    ) -Environment @{
        PMINTEREST_MODULE_PATH  = $ModuleOutManifest
        PMINTEREST_EMULATOR_DLL = $EmulatorDll
    }

    if (-not (Test-Path -LiteralPath $summaryPath -PathType Leaf)) {
        return New-SuiteResult -Name 'Pester' -Failed 1 -Note "the Pester process failed (exit code $code) before writing results; counted as 1 failed"
    }
    $summary = Get-Content -LiteralPath $summaryPath -Raw | ConvertFrom-Json
    $notes = @()
    foreach ($file in @($summary.Files)) {
        $notes += "$($file.Name): $($file.Passed) passed, $($file.Failed) failed, $($file.Skipped) skipped$(if ($file.Result -eq 'Failed' -and -not $file.Failed) { ' (file failed)' })"
    }
    $failed = [int] $summary.Failed
    if ($code -ne 0 -and $failed -eq 0) {
        $failed = 1
        $notes += "the Pester process exited with code $code; counted as 1 failed"
    }
    if ($summary.Result -eq 'Failed' -and $failed -eq 0) {
        $failed = 1
        $notes += 'Pester reported the run as failed; counted as 1 failed'
    }
    New-SuiteResult -Name 'Pester' -Passed ([int] $summary.Passed) -Failed $failed -Skipped ([int] $summary.Skipped) -Note ($notes -join [Environment]::NewLine)
}

function Invoke-Test {
    <# Returns the per-suite results; never throws for a failing step, it records it. #>
    $results = [System.Collections.Generic.List[object]]::new()
    try {
        Invoke-Build
    }
    catch {
        Write-Warning $_.Exception.Message
        $results.Add((New-SuiteResult -Name 'Build' -Failed 1 -Note $_.Exception.Message))
        return $results
    }

    try {
        foreach ($suite in Invoke-XunitSuites) { $results.Add($suite) }
    }
    catch {
        Write-Warning $_.Exception.Message
        $results.Add((New-SuiteResult -Name 'xunit' -Failed 1 -Note $_.Exception.Message))
    }

    $emulatorDll = Get-EmulatorDllPath
    try {
        $emulatorDll = Invoke-EmulatorBuild
    }
    catch {
        Write-Warning $_.Exception.Message
        $results.Add((New-SuiteResult -Name 'Emulator build' -Failed 1 -Note $_.Exception.Message))
    }

    try {
        $results.Add((Invoke-PesterSuite -EmulatorDll $emulatorDll))
    }
    catch {
        Write-Warning $_.Exception.Message
        $results.Add((New-SuiteResult -Name 'Pester' -Failed 1 -Note $_.Exception.Message))
    }
    $results
}

function Format-Counts {
    param([int] $Passed, [int] $Failed, [int] $Skipped)
    if ($Skipped) { "$Passed passed, $Failed failed, $Skipped skipped" } else { "$Passed passed, $Failed failed" }
}

function Write-TestSummary {
    <# Writes the per-suite table and, as the very last line, the totals. #>
    param([Parameter(Mandatory)][object[]] $Results)
    $width = ($Results | ForEach-Object { $_.Name.Length } | Measure-Object -Maximum).Maximum
    ''
    'Test summary'
    foreach ($suite in $Results) {
        $status = if ($suite.Failed) { 'FAIL' } else { 'ok  ' }
        "  $status $($suite.Name.PadRight($width))  $(Format-Counts $suite.Passed $suite.Failed $suite.Skipped)"
        if ($suite.Note) {
            foreach ($line in $suite.Note -split '\r?\n') { "         $line" }
        }
    }
    $passed = [int] ($Results | Measure-Object -Property Passed -Sum).Sum
    $failed = [int] ($Results | Measure-Object -Property Failed -Sum).Sum
    $skipped = [int] ($Results | Measure-Object -Property Skipped -Sum).Sum
    Format-Counts $passed $failed $skipped
}

#endregion

#region Clean

function Invoke-Clean {
    Write-Step 'Cleaning'
    $targets = [System.Collections.Generic.List[string]]::new()
    foreach ($path in $OutRoot, $TestResultsDir) {
        if (Test-Path -LiteralPath $path) { $targets.Add($path) }
    }
    foreach ($top in 'src', 'tests', 'bench') {
        $dir = Join-Path $RepoRoot $top
        if (-not (Test-Path -LiteralPath $dir -PathType Container)) { continue }
        Get-ChildItem -LiteralPath $dir -Directory -Recurse -Force |
            Where-Object { $_.Name -in 'bin', 'obj', 'TestResults' -and $_.FullName -notmatch '[\\/]node_modules[\\/]' } |
            ForEach-Object { $targets.Add($_.FullName) }
    }
    # Outermost first; nested ones go with their parent.
    $removed = @()
    foreach ($path in $targets | Sort-Object Length) {
        if (-not (Test-Path -LiteralPath $path)) { continue }
        Remove-Item -LiteralPath $path -Recurse -Force
        $removed += $path
    }
    foreach ($path in $removed) { Write-Note "removed $(Get-RelativePath $path)" }
    if (-not $removed) { Write-Note 'nothing to clean' }
}

#endregion

$exitCode = 0
try {
    Assert-DotNet
    switch ($Task) {
        'Build' { Invoke-Build }
        'Clean' { Invoke-Clean }
        'Demo' { $exitCode = Invoke-Demo }
        'Bench' { $exitCode = Invoke-Bench }
        'Test' {
            $results = @(Invoke-Test)
            if (@($results | Where-Object { $_.Failed -gt 0 }).Count) { $exitCode = 1 }
            Write-TestSummary -Results $results
        }
    }
}
catch {
    [Console]::Error.WriteLine("build.ps1 -Task ${Task}: ERROR: $($_.Exception.Message)")
    $exitCode = 1
}
exit $exitCode
