# The release packages build.ps1 -Task Package makes: the .nupkg installs with PSResourceGet from
# a local repository folder, and the Azure Automation zip has the module folder at its root.
# Installation runs in a child PowerShell with a home folder of its own, so that the user's
# repositories and modules are neither used nor changed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-PmModulePath
    $script:ModuleDir = Split-Path -Parent $ModulePath
    $script:Repository = Get-PmBuildOutput -Name Repository
    $script:Zip = Get-PmBuildOutput -Name ModuleZip
    $script:Version = (Get-PmRepositoryVersion) -replace '\+.*$', ''
    $script:Cmdlets = @((Import-PowerShellDataFile -LiteralPath $ModulePath).CmdletsToExport | Sort-Object)

    # Every file of the built module, as relative paths with '/'.
    $script:ModuleFiles = @(Get-ChildItem -LiteralPath $ModuleDir -Recurse -File | ForEach-Object {
            [System.IO.Path]::GetRelativePath($ModuleDir, $_.FullName).Replace('\', '/')
        } | Sort-Object)
}

Describe 'The .nupkg' {
    It 'is the one package in the repository folder, named for the module and its version' {
        $packages = @(Get-ChildItem -LiteralPath $Repository -Filter '*.nupkg' -File)

        $packages.Count | Should -Be 1
        $packages[0].Name | Should -Be "PmInterest.$Version.nupkg"
    }

    It 'installs with Install-PSResource from a local repository folder, and Import-Module PmInterest works' {
        $homeDirectory = Join-Path $TestDrive 'home'

        $parameters = @{ Repository = $Repository; Prerelease = $Version.Contains('-') }

        $installed = Invoke-PmChildPowerShell -HomeDirectory $homeDirectory -Parameters $parameters -ScriptBlock {
            param([string] $Repository, [bool] $Prerelease)
            Register-PSResourceRepository -Name PmInterestLocal -Uri $Repository -Trusted
            Install-PSResource -Name PmInterest -Repository PmInterestLocal -Scope CurrentUser -Prerelease:$Prerelease -Quiet
            $module = Import-Module -Name PmInterest -PassThru
            [pscustomobject]@{
                Version    = [string] $module.Version
                ModuleBase = $module.ModuleBase
                Cmdlets    = @($module.ExportedCmdlets.Keys | Sort-Object)
                Files      = @(Get-ChildItem -LiteralPath $module.ModuleBase -Recurse -File | ForEach-Object {
                        [System.IO.Path]::GetRelativePath($module.ModuleBase, $_.FullName).Replace('\', '/')
                    } | Sort-Object)
            }
        }

        $installed.Version | Should -Be ($Version -replace '-.*$', '')
        $installed.ModuleBase | Should -BeLike "$homeDirectory*"
        $installed.Cmdlets | Should -Be $Cmdlets
        # The install adds its own PSGetModuleInfo.xml; everything the module ships is there.
        $ModuleFiles | Where-Object { $_ -notin $installed.Files } | Should -BeNullOrEmpty
        $installed.Files | Should -Contain 'dependencies/BouncyCastle.Cryptography.dll'
        $installed.Files | Should -Contain 'LICENSE'
    }
}

Describe 'The Azure Automation zip' {
    BeforeAll {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $archive = [System.IO.Compression.ZipFile]::OpenRead($Zip)
        try {
            $script:Entries = @($archive.Entries | Where-Object { $_.Name } | ForEach-Object FullName | Sort-Object)
        }
        finally {
            $archive.Dispose()
        }
    }

    It 'is named like the module, as Automation requires of the zip, its folder and its manifest' {
        Split-Path -Leaf $Zip | Should -Be 'PmInterest.zip'
        $Entries | Should -Contain 'PmInterest/PmInterest.psd1'
    }

    It 'has PmInterest/ at its root, no version folder, and the files of the built module' {
        @($Entries | Where-Object { -not $_.StartsWith('PmInterest/', [StringComparison]::Ordinal) }) | Should -BeNullOrEmpty
        @($Entries | ForEach-Object { $_.Substring('PmInterest/'.Length) }) | Should -Be $ModuleFiles
    }

    It 'imports once extracted' {
        $target = Join-Path $TestDrive 'automation'
        Expand-Archive -LiteralPath $Zip -DestinationPath $target

        $cmdlets = Invoke-PmChildPowerShell -Parameters @{ Manifest = (Join-Path $target 'PmInterest/PmInterest.psd1') } -ScriptBlock {
            param([string] $Manifest)
            @((Import-Module -Name $Manifest -PassThru).ExportedCmdlets.Keys | Sort-Object)
        }

        @($cmdlets) | Should -Be $Cmdlets
    }
}
