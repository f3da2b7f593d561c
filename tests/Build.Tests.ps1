# The module build.ps1 assembled in out/PmInterest (PMINTEREST_MODULE_PATH): its manifest, its
# layout and what its assemblies reference.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-PmModulePath
    $script:ModuleDir = Split-Path -Parent $ModulePath
    $script:ExpectedCmdlets = @('Add-PmInterestValue', 'Connect-PmAccount', 'Disconnect-PmAccount', 'Export-PmNegativeBalanceInterest', 'Get-PmConnection', 'Get-PmNegativeBalanceInterest', 'Import-PmNegativeBalanceInterest', 'Measure-PmNegativeBalanceInterest')

    # The simple names of the assemblies a file references, read from its metadata without loading it.
    function Get-AssemblyReference([string] $Path) {
        $stream = [System.IO.File]::OpenRead($Path)
        try {
            $pe = [System.Reflection.PortableExecutable.PEReader]::new($stream)
            $metadata = [System.Reflection.Metadata.PEReaderExtensions]::GetMetadataReader($pe)
            foreach ($handle in $metadata.AssemblyReferences) {
                $metadata.GetString($metadata.GetAssemblyReference($handle).Name)
            }
            $pe.Dispose()
        }
        finally {
            $stream.Dispose()
        }
    }
}

AfterAll {
    Remove-Module -Name PmInterest -Force -ErrorAction Ignore
}

Describe 'The built PmInterest module' {
    It 'has a manifest that Test-ModuleManifest accepts' {
        $errors = $null
        $manifest = Test-ModuleManifest -Path $ModulePath -ErrorAction SilentlyContinue -ErrorVariable errors
        @($errors | ForEach-Object { $_.ToString() }) | Should -BeNullOrEmpty
        $manifest | Should -Not -BeNullOrEmpty
        $manifest.Name | Should -Be 'PmInterest'
    }

    It 'has the version of Directory.Build.props' {
        $data = Import-PowerShellDataFile -LiteralPath $ModulePath
        $text = (Get-PmRepositoryVersion) -replace '\+.*$', ''
        $data.ModuleVersion | Should -Be ($text -replace '-.*$', '')
        $prerelease = if ($text.Contains('-')) { $text.Substring($text.IndexOf('-') + 1) } else { $null }
        $data.PrivateData.PSData['Prerelease'] | Should -Be $prerelease
    }

    It 'carries the license and release data' {
        $data = Import-PowerShellDataFile -LiteralPath $ModulePath
        $data.Copyright | Should -Match 'MIT License'
        $data.PrivateData.PSData.ReleaseNotes | Should -Not -BeNullOrEmpty
        Get-Content -LiteralPath (Join-Path $ModuleDir 'LICENSE') -Raw |
            Should -Be (Get-Content -LiteralPath (Join-Path (Get-PmRepositoryRoot) 'LICENSE') -Raw)
    }

    It 'writes the manifest as UTF-8 with a BOM, as Windows PowerShell 5.1 reads it' {
        $bytes = [System.IO.File]::ReadAllBytes($ModulePath)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'ships PmInterest.dll alone at the top and its dependencies in dependencies/' {
        $assemblies = @(Get-ChildItem -LiteralPath $ModuleDir -Recurse -File -Filter '*.dll' | ForEach-Object {
                [System.IO.Path]::GetRelativePath($ModuleDir, $_.FullName).Replace('\', '/')
            } | Sort-Object)

        $assemblies | Should -Be @('dependencies/BouncyCastle.Cryptography.dll', 'dependencies/PmInterest.Crypto.dll', 'PmInterest.dll')
        foreach ($file in 'PmInterest.format.ps1xml', 'en-US/PmInterest.dll-Help.xml', 'en-US/about_PmInterest.help.txt', 'LICENSE') {
            Join-Path $ModuleDir $file | Should -Exist
        }
    }

    It 'keeps BouncyCastle out of PmInterest.dll' {
        $references = @(Get-AssemblyReference (Join-Path $ModuleDir 'PmInterest.dll'))

        $references | Should -Not -Contain 'BouncyCastle.Cryptography'
        $references | Should -Not -Contain 'PmInterest.Crypto'
        @(Get-AssemblyReference (Join-Path $ModuleDir 'dependencies/PmInterest.Crypto.dll')) | Should -Contain 'BouncyCastle.Cryptography'
    }

    It 'imports' {
        { Import-Module -Name $ModulePath -Force -ErrorAction Stop } | Should -Not -Throw
        Get-Module -Name PmInterest | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly the eight cmdlets' {
        $module = Import-Module -Name $ModulePath -Force -PassThru -ErrorAction Stop
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $ExpectedCmdlets
        @($module.ExportedFunctions.Keys) | Should -BeNullOrEmpty
        @($module.ExportedAliases.Keys) | Should -BeNullOrEmpty
    }
}
