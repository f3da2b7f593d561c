<#
.SYNOPSIS
    Builds, tests and packages the PmInterest PowerShell module.

.DESCRIPTION
    Run with the repository's own PowerShell (local tool manifest):

        dotnet tool restore
        dotnet pwsh -NoProfile -File ./build.ps1 -Task Build

    Tasks
      Build    dotnet build of src/PmInterest and src/PmInterest.Crypto, then an importable module
               in out/PmInterest/:
                 PmInterest.psd1            the manifest, written from PmInterest.psd1's data with
                                            ModuleVersion (and Prerelease) from <Version> in
                                            Directory.Build.props
                 PmInterest.dll             the module (references no third-party assembly)
                 PmInterest.format.ps1xml, en-US/ (help), LICENSE
                 dependencies/              PmInterest.Crypto.dll and BouncyCastle.Cryptography.dll,
                                            loaded on the first RSA or Ed25519 key (on PowerShell 7
                                            into the module's own AssemblyLoadContext)
               Nothing PowerShell itself provides is shipped.
      Package  Build, then
                 out/repository/PmInterest.<version>.nupkg
                     for Install-PSResource; out/repository/ is itself a local repository folder
                 out/PmInterest.zip
                     for Azure Automation's module import: PmInterest/ at the root, the zip, the
                     folder and the manifest named alike, no version folder
      Test     Package; every xunit project of PmInterest.sln (dotnet test, TRX results); the
               emulator; Pester over tests/*.Tests.ps1 in a child PowerShell process.
               The last line of output is "N passed, N failed[, N skipped]"; the exit code is
               non-zero when anything failed.
      Demo     Build and the emulator; runs tests/Demo.ps1 in a child PowerShell process.
      Bench    Build and the emulator; runs bench/Run-Benchmarks.ps1 in a child PowerShell process.
      Clean    Removes out/, TestResults/ and the bin/ and obj/ folders under src, tests, bench.

    Child scripts and Pester tests find the build through environment variables:
      PMINTEREST_MODULE_PATH        out/PmInterest/PmInterest.psd1
      PMINTEREST_EMULATOR_DLL       tests/PmInterest.Emulator/bin/<Configuration>/net10.0/PmInterest.Emulator.dll
      PMINTEREST_REPOSITORY         out/repository (Test only: the folder with the .nupkg)
      PMINTEREST_MODULE_ZIP         out/PmInterest.zip (Test only)
      PMINTEREST_OTHER_BOUNCYCASTLE another BouncyCastle.Cryptography.dll than the module's (Test only;
                                    its version is in tests/tools/TestTools.csproj)

.PARAMETER Task
    Build (default), Package, Test, Demo, Bench or Clean.

.PARAMETER Configuration
    The dotnet build configuration. Release (default) or Debug.
#>
#Requires -Version 7.2
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Bench', 'Clean')]
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
$CryptoProject = Join-Path $RepoRoot 'src/PmInterest.Crypto/PmInterest.Crypto.csproj'
$ModuleSourceDir = Join-Path $RepoRoot 'src/PmInterest'
$EmulatorProject = Join-Path $RepoRoot 'tests/PmInterest.Emulator/PmInterest.Emulator.csproj'
$Solution = Join-Path $RepoRoot 'PmInterest.sln'
$SourceManifest = Join-Path $RepoRoot 'PmInterest.psd1'
$VersionProps = Join-Path $RepoRoot 'Directory.Build.props'
$LicenseFile = Join-Path $RepoRoot 'LICENSE'
$TestToolsProject = Join-Path $RepoRoot 'tests/tools/TestTools.csproj'
$PesterRunner = Join-Path $RepoRoot 'tests/tools/Invoke-PesterRun.ps1'
$DemoScript = Join-Path $RepoRoot 'tests/Demo.ps1'
$BenchScript = Join-Path $RepoRoot 'bench/Run-Benchmarks.ps1'
$OutRoot = Join-Path $RepoRoot 'out'
$ModuleOutDir = Join-Path $OutRoot $ModuleName
$ModuleOutManifest = Join-Path $ModuleOutDir "$ModuleName.psd1"
$DependenciesFolder = 'dependencies'
$RepositoryOutDir = Join-Path $OutRoot 'repository'
# Azure Automation: the zip, the folder in it and the manifest carry the same name.
$ZipOutPath = Join-Path $OutRoot "$ModuleName.zip"
$TestResultsDir = Join-Path $RepoRoot 'TestResults'

# Assemblies PowerShell itself provides: referenced at build time, never shipped.
$HostProvidedAssemblies = @(
    'System.Management.Automation.dll'
    'Microsoft.PowerShell.*.dll'
    'Microsoft.Management.Infrastructure*.dll'
    'PowerShellStandard*.dll'
    'System.Runtime.Loader.dll'
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

function Restore-TestTools {
    <# Restores tests/tools/TestTools.csproj; returns each PackageDownload's folder in the NuGet package folder, by id. #>
    [xml] $project = Get-Content -LiteralPath $TestToolsProject -Raw
    Invoke-DotNet -ArgumentList @('restore', $TestToolsProject, '-nologo') -FailureMessage 'Restoring the test tools from NuGet (tests/tools/TestTools.csproj) failed'
    $root = Get-NuGetPackageRoot
    $folders = @{}
    foreach ($node in $project.SelectNodes("//*[local-name()='PackageDownload']")) {
        $id = $node.GetAttribute('Include')
        $versions = @($node.GetAttribute('Version').Trim('[', ']', ' ') -split '\]?\s*;\s*\[?' | Where-Object { $_ })
        if ($versions.Count -ne 1) {
            throw "$TestToolsProject downloads $id in $($versions.Count) versions; the build uses exactly one."
        }
        $folder = Join-Path $root "$($id.ToLowerInvariant())/$($versions[0])"
        if (-not (Test-Path -LiteralPath $folder -PathType Container)) {
            throw "$id $($versions[0]) was restored but $folder does not exist (NuGet package folder: $root)."
        }
        $folders[$id] = $folder
    }
    $folders
}

function Get-EmulatorDllPath {
    Get-MSBuildTargetPath -Project $EmulatorProject -Fallback (Join-Path $RepoRoot "tests/PmInterest.Emulator/bin/$Configuration/net10.0/PmInterest.Emulator.dll")
}

function Invoke-EmulatorBuild {
    <# Builds the test-only Binance emulator; returns the path of its dll. #>
    Write-Step "Building the emulator ($Configuration)"
    Invoke-DotNet -ArgumentList @('build', $EmulatorProject, '-c', $Configuration, '-nologo') -FailureMessage 'Building the emulator (tests/PmInterest.Emulator) failed'
    $dll = Get-EmulatorDllPath
    if (-not (Test-Path -LiteralPath $dll -PathType Leaf)) {
        throw "The emulator built but $dll does not exist."
    }
    $dll
}

function Invoke-ScriptAgainstBuild {
    <# Demo and Bench: build the module and the emulator, then run a script with both (as parameters and environment variables). #>
    param([Parameter(Mandatory)][string] $ScriptPath)
    Invoke-Build
    $emulatorDll = Invoke-EmulatorBuild
    Write-Step "Running $(Get-RelativePath $ScriptPath)"
    $code = Invoke-ChildPowerShell -ScriptPath $ScriptPath -ArgumentList @('-ModulePath', $ModuleOutManifest, '-EmulatorDll', $emulatorDll) -Environment @{
        PMINTEREST_MODULE_PATH  = $ModuleOutManifest
        PMINTEREST_EMULATOR_DLL = $emulatorDll
    }
    if ($code -ne 0) {
        throw "$(Get-RelativePath $ScriptPath) failed (exit code $code)."
    }
}

#endregion

#region Build

function Select-ShippedAssembly {
    <# The .dll files of a build output that the module ships: not what PowerShell provides, not what -Exclude names. #>
    param(
        [Parameter(Mandatory)][string] $Directory,
        [string[]] $Exclude = @()
    )
    Get-ChildItem -LiteralPath $Directory -Filter '*.dll' -File | Where-Object {
        $name = $_.Name
        -not ($HostProvidedAssemblies | Where-Object { $name -like $_ }) -and $name -notin $Exclude
    }
}

function New-ReleaseManifest {
    <#
        Writes the module's manifest to $Destination with New-ModuleManifest, from the data of
        PmInterest.psd1 (top-level keys and PrivateData.PSData) and the version of
        Directory.Build.props. The source manifest is read, never edited.
    #>
    param(
        [Parameter(Mandatory)][string] $Destination,
        [Parameter(Mandatory)] $Version
    )
    $data = Import-PowerShellDataFile -LiteralPath $SourceManifest
    $parameters = @{}
    foreach ($key in $data.Keys | Where-Object { $_ -ne 'PrivateData' }) { $parameters[$key] = $data[$key] }
    $privateData = if ($data.ContainsKey('PrivateData')) { $data['PrivateData'] } else { @{} }
    foreach ($key in $privateData.Keys | Where-Object { $_ -ne 'PSData' }) {
        throw "PmInterest.psd1 has PrivateData.$key; the build writes PrivateData.PSData only."
    }
    if ($privateData.ContainsKey('PSData')) {
        foreach ($key in $privateData['PSData'].Keys) { $parameters[$key] = $privateData['PSData'][$key] }
    }
    foreach ($key in 'ModuleVersion', 'Prerelease') {
        if ($parameters.ContainsKey($key)) {
            throw "PmInterest.psd1 has $key; the version lives in Directory.Build.props only (<Version>), and the build writes it."
        }
    }
    $parameters['ModuleVersion'] = $Version.Version
    if ($Version.Prerelease) { $parameters['Prerelease'] = $Version.Prerelease }

    $accepted = (Get-Command -Name New-ModuleManifest).Parameters
    foreach ($key in $parameters.Keys) {
        if (-not $accepted.ContainsKey($key)) { throw "PmInterest.psd1 has '$key', which New-ModuleManifest cannot write." }
    }
    New-ModuleManifest -Path $Destination @parameters
    # UTF-8 with BOM: Windows PowerShell 5.1 reads anything else as its ANSI code page.
    $text = [System.IO.File]::ReadAllText($Destination)
    [System.IO.File]::WriteAllText($Destination, $text, [System.Text.UTF8Encoding]::new($true))
}

function Assert-ModuleLayout {
    <# Checks what out/PmInterest must hold, and that the manifest is valid and stamped. #>
    param([Parameter(Mandatory)] $Version)
    $errors = $null
    $manifest = Test-ModuleManifest -Path $ModuleOutManifest -ErrorAction SilentlyContinue -ErrorVariable errors
    if ($errors) {
        throw "Test-ModuleManifest refuses $(Get-RelativePath $ModuleOutManifest): $(@($errors | ForEach-Object { $_.ToString() }) -join ' ')"
    }
    if ([string] $manifest.Version -ne $Version.Version) {
        throw "Stamping failed: $(Get-RelativePath $ModuleOutManifest) has version '$($manifest.Version)', expected '$($Version.Version)'."
    }
    $data = Import-PowerShellDataFile -LiteralPath $ModuleOutManifest
    $expected = @($data['RootModule'], 'LICENSE', "en-US/$ModuleName.dll-Help.xml", "$DependenciesFolder/PmInterest.Crypto.dll", "$DependenciesFolder/BouncyCastle.Cryptography.dll") + @($data['FormatsToProcess'])
    foreach ($file in $expected) {
        if (-not (Test-Path -LiteralPath (Join-Path $ModuleOutDir $file) -PathType Leaf)) {
            throw "$(Get-RelativePath $ModuleOutDir) has no $file."
        }
    }
    $strays = @(Get-ChildItem -LiteralPath $ModuleOutDir -Recurse -File -Filter '*.dll' | Where-Object {
            $_.Name -like 'System.Runtime.Loader.dll' -or ($_.Directory.Name -ne $DependenciesFolder -and $_.Name -ne $data['RootModule'])
        })
    if ($strays) {
        throw "$(Get-RelativePath $ModuleOutDir) holds assemblies outside $DependenciesFolder/ or that the host provides: $(@($strays | ForEach-Object { Get-RelativePath $_.FullName }) -join ', ')."
    }
}

function Invoke-Build {
    Write-Step "Building $ModuleName ($Configuration)"
    $version = Get-ProjectVersion
    # PmInterest.Crypto references PmInterest: one build makes both.
    Invoke-DotNet -ArgumentList @('build', $CryptoProject, '-c', $Configuration, '-nologo') -FailureMessage "Building $ModuleName (src/PmInterest, src/PmInterest.Crypto) failed"
    $moduleOutput = Split-Path -Parent (Get-MSBuildTargetPath -Project $ModuleProject -Fallback (Join-Path $ModuleSourceDir "bin/$Configuration/netstandard2.0/$ModuleName.dll"))
    $cryptoOutput = Split-Path -Parent (Get-MSBuildTargetPath -Project $CryptoProject -Fallback (Join-Path $RepoRoot "src/PmInterest.Crypto/bin/$Configuration/netstandard2.0/PmInterest.Crypto.dll"))

    Write-Step "Assembling $(Get-RelativePath $ModuleOutDir) (version $($version.Text))"
    if (Test-Path -LiteralPath $ModuleOutDir) {
        try {
            Remove-Item -LiteralPath $ModuleOutDir -Recurse -Force
        }
        catch {
            throw "Cannot replace $ModuleOutDir (is the module loaded in a PowerShell session?): $($_.Exception.Message)"
        }
    }
    $dependenciesOut = Join-Path $ModuleOutDir $DependenciesFolder
    $null = New-Item -ItemType Directory -Path $dependenciesOut -Force

    # PmInterest.dll alone at the top: whatever it referenced would load into PowerShell's
    # default context, where another module's version can clash with it.
    $moduleAssemblies = @(Select-ShippedAssembly -Directory $moduleOutput)
    $others = @($moduleAssemblies | Where-Object Name -ne "$ModuleName.dll")
    if ($others) {
        throw "src/PmInterest's output holds $(@($others.Name) -join ', '): PmInterest.dll must reference no third-party assembly; reference it from src/PmInterest.Crypto, whose assemblies load in the module's own context."
    }
    Copy-Item -LiteralPath (Join-Path $moduleOutput "$ModuleName.dll") -Destination $ModuleOutDir
    foreach ($assembly in Select-ShippedAssembly -Directory $cryptoOutput -Exclude @($moduleAssemblies.Name)) {
        Copy-Item -LiteralPath $assembly.FullName -Destination $dependenciesOut
    }
    Copy-Item -LiteralPath (Join-Path $ModuleSourceDir "$ModuleName.format.ps1xml") -Destination $ModuleOutDir
    Copy-Item -LiteralPath (Join-Path $ModuleSourceDir 'en-US') -Destination $ModuleOutDir -Recurse
    Copy-Item -LiteralPath $LicenseFile -Destination $ModuleOutDir
    New-ReleaseManifest -Destination $ModuleOutManifest -Version $version

    Assert-ModuleLayout -Version $version
    foreach ($item in Get-ChildItem -LiteralPath $ModuleOutDir -Recurse -File | Sort-Object FullName) {
        Write-Note (Get-RelativePath $item.FullName)
    }
    Write-Step "Built $(Get-RelativePath $ModuleOutManifest)"
}

#endregion

#region Package

function New-ModuleZip {
    <#
        out/PmInterest.zip for Azure Automation's module import: PmInterest/ at the root with the
        manifest in it, the zip, the folder and the manifest named alike, no version folder, and
        no file path in the module longer than Automation's 140 characters.
    #>
    if (Test-Path -LiteralPath $ZipOutPath) { Remove-Item -LiteralPath $ZipOutPath -Force }
    Add-Type -AssemblyName System.IO.Compression.FileSystem
    # Entry names with '/' on every platform; the module folder itself at the root.
    [System.IO.Compression.ZipFile]::CreateFromDirectory($ModuleOutDir, $ZipOutPath, [System.IO.Compression.CompressionLevel]::Optimal, $true)
    $zip = [System.IO.Compression.ZipFile]::OpenRead($ZipOutPath)
    try {
        $names = @($zip.Entries | ForEach-Object FullName)
    }
    finally {
        $zip.Dispose()
    }
    if ("$ModuleName/$ModuleName.psd1" -notin $names -or @($names | Where-Object { -not $_.StartsWith("$ModuleName/", [StringComparison]::Ordinal) })) {
        throw "$(Get-RelativePath $ZipOutPath) does not have $ModuleName/ at its root with $ModuleName.psd1 in it."
    }
    $long = @($names | Where-Object { $_.Length -gt 140 })
    if ($long) { throw "Azure Automation cannot import paths longer than 140 characters: $($long -join ', ')." }
    $ZipOutPath
}

function New-ModuleNupkg {
    <# out/repository/PmInterest.<version>.nupkg, made by PSResourceGet's Compress-PSResource. #>
    if (Test-Path -LiteralPath $RepositoryOutDir) { Remove-Item -LiteralPath $RepositoryOutDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $RepositoryOutDir -Force
    # PSResourceGet comes with PowerShell 7.4 and later. Like any of its commands, this one
    # writes PSResourceGet's default repository list to the user's profile if there is none.
    Import-Module -Name Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    $null = Compress-PSResource -Path $ModuleOutDir -DestinationPath $RepositoryOutDir
    $packages = @(Get-ChildItem -LiteralPath $RepositoryOutDir -Filter '*.nupkg' -File)
    if ($packages.Count -ne 1) { throw "Compress-PSResource made $($packages.Count) .nupkg files in $(Get-RelativePath $RepositoryOutDir), not one." }
    $packages[0].FullName
}

function Invoke-Package {
    Invoke-Build
    Write-Step 'Packaging'
    $nupkg = New-ModuleNupkg
    $zip = New-ModuleZip
    Write-Note "$(Get-RelativePath $nupkg)  (Install-PSResource from the folder $(Get-RelativePath $RepositoryOutDir))"
    Write-Note "$(Get-RelativePath $zip)  (Azure Automation module import)"
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

function Invoke-PesterSuite {
    <# Pester over tests/*.Tests.ps1 in a child PowerShell (tests/tools/Invoke-PesterRun.ps1), against the built module and package. #>
    param([string] $EmulatorDll)
    $testsDir = Join-Path $RepoRoot 'tests'
    $files = @(Get-ChildItem -LiteralPath $testsDir -Filter '*.Tests.ps1' -File)
    Write-Step "Running Pester tests: $(@($files.Name) -join ', ')"
    $tools = Restore-TestTools
    $pesterModule = Join-Path $tools['Pester'] 'tools/Pester.psd1'
    # PowerShell 7 takes a package's net6.0 build over its netstandard2.0 one, as a module would ship it.
    $otherBouncyCastle = Join-Path $tools['BouncyCastle.Cryptography'] 'lib/net6.0/BouncyCastle.Cryptography.dll'
    foreach ($path in $pesterModule, $otherBouncyCastle) {
        if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { throw "The restored test tools lack $path." }
    }

    $resultsDir = Join-Path $TestResultsDir 'pester'
    if (Test-Path -LiteralPath $resultsDir) { Remove-Item -LiteralPath $resultsDir -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $resultsDir -Force
    $summaryPath = Join-Path $resultsDir 'pester-summary.json'

    $code = Invoke-ChildPowerShell -ScriptPath $PesterRunner -ArgumentList @(
        '-PesterModule', $pesterModule,
        '-TestsDirectory', $testsDir,
        '-SummaryPath', $summaryPath,
        '-ResultXmlPath', (Join-Path $resultsDir 'pester-results.xml')
    ) -Environment @{
        PMINTEREST_MODULE_PATH        = $ModuleOutManifest
        PMINTEREST_EMULATOR_DLL       = $EmulatorDll
        PMINTEREST_REPOSITORY         = $RepositoryOutDir
        PMINTEREST_MODULE_ZIP         = $ZipOutPath
        PMINTEREST_OTHER_BOUNCYCASTLE = $otherBouncyCastle
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
        Invoke-Package
    }
    catch {
        Write-Warning $_.Exception.Message
        $results.Add((New-SuiteResult -Name 'Build and package' -Failed 1 -Note $_.Exception.Message))
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
        'Package' { Invoke-Package }
        'Clean' { Invoke-Clean }
        'Demo' { Invoke-ScriptAgainstBuild -ScriptPath $DemoScript }
        'Bench' { Invoke-ScriptAgainstBuild -ScriptPath $BenchScript }
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
