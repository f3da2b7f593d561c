# Smoke test of the module build.ps1 assembled in out/PmInterest (PMINTEREST_MODULE_PATH).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-PmModulePath
    $script:ExpectedCmdlets = @('Connect-PmAccount', 'Disconnect-PmAccount', 'Get-PmNegativeBalanceInterest')
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
        $expected = (Get-PmRepositoryVersion) -replace '[-+].*$', ''
        $data.ModuleVersion | Should -Be $expected
    }

    It 'imports' {
        { Import-Module -Name $ModulePath -Force -ErrorAction Stop } | Should -Not -Throw
        Get-Module -Name PmInterest | Should -Not -BeNullOrEmpty
    }

    It 'exports exactly the three cmdlets' {
        $module = Import-Module -Name $ModulePath -Force -PassThru -ErrorAction Stop
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be $ExpectedCmdlets
        @($module.ExportedFunctions.Keys) | Should -BeNullOrEmpty
        @($module.ExportedAliases.Keys) | Should -BeNullOrEmpty
    }
}
