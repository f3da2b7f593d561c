# BouncyCastle, the module's one dependency, cannot clash with another BouncyCastle in the same
# PowerShell session: on PowerShell 7 it loads in the module's own AssemblyLoadContext. Every
# BouncyCastle version 2.x has the assembly identity 2.0.0.0, so without that context the
# second one to load would be refused, or would silently use the first one's code.
# Each case runs in a fresh PowerShell process: a loaded assembly cannot be unloaded.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:ModulePath = Get-PmModulePath
    $script:OtherBouncyCastle = Get-PmBuildOutput -Name OtherBouncyCastle
    $script:OtherVersion = [System.Diagnostics.FileVersionInfo]::GetVersionInfo($OtherBouncyCastle).ProductVersion -replace '\+.*$', ''
    $script:Emulator = Start-PmEmulator -ArgumentList '--stress', '--seed', '23', '--start', '2025-01-01', '--days', '12', '--weight-limit', '100000000'
    $script:RecordCount = @(Get-PmEmulatorRecords $Emulator).Count
    # More than one page, so that every fetch below signs several requests.
    if ($RecordCount -le 100) { throw "The emulator made $RecordCount records; the tests need more than a page." }

    # What every child gets: where the module, the other BouncyCastle, the server and the keys are.
    $script:Common = @{
        ModulePath        = $ModulePath
        OtherBouncyCastle = $OtherBouncyCastle
        BaseUri           = $Emulator.Url
        KeyDir            = $Emulator.KeyDir
    }

    # Defined in each child (as text): fetch all records with one key type; list the BouncyCastles loaded.
    $script:ChildFunctions = {
        function Get-AllRecordCount([string] $KeyType) {
            $keyFile = Join-Path $KeyDir "$KeyType.key"
            $apiKey = (Get-Content -LiteralPath (Join-Path $KeyDir "$KeyType.apikey") -Raw).Trim()
            $connection = Connect-PmAccount -ApiKey $apiKey -PrivateKeyPath $keyFile -BaseUri $BaseUri -WeightLimit 100000000 -PassThru
            $from = [datetime]::new(2024, 12, 30, 0, 0, 0, [DateTimeKind]::Utc)
            @(Get-PmNegativeBalanceInterest -Connection $connection -StartTime $from -EndTime $from.AddDays(20)).Count
        }
        function Get-LoadedBouncyCastle {
            foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'BouncyCastle.Cryptography' }) {
                $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly)
                [pscustomobject]@{
                    Version   = $assembly.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false)[0].InformationalVersion -replace '\+.*$', ''
                    Context   = $context.GetType().FullName
                    IsDefault = $context -eq [System.Runtime.Loader.AssemblyLoadContext]::Default
                }
            }
        }
        # SHA-256 of 'abc' through whichever BouncyCastle the session's type names resolve to.
        function Get-SessionBouncyCastleDigest {
            $digest = [Org.BouncyCastle.Crypto.Digests.Sha256Digest]::new()
            $data = [System.Text.Encoding]::ASCII.GetBytes('abc')
            $digest.BlockUpdate($data, 0, $data.Length)
            $hash = [byte[]]::new(32)
            $null = $digest.DoFinal($hash, 0)
            [pscustomobject]@{
                Hex     = [Convert]::ToHexString($hash)
                Version = [Org.BouncyCastle.Crypto.Digests.Sha256Digest].Assembly.GetCustomAttributes([System.Reflection.AssemblyInformationalVersionAttribute], $false)[0].InformationalVersion -replace '\+.*$', ''
            }
        }
    }.ToString()

    $script:ShippedVersion = [System.Diagnostics.FileVersionInfo]::GetVersionInfo((Join-Path (Split-Path -Parent $ModulePath) 'dependencies/BouncyCastle.Cryptography.dll')).ProductVersion -replace '\+.*$', ''
    $script:AbcSha256 = 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD'
}

AfterAll {
    $Emulator | Stop-PmEmulator
}

Describe 'BouncyCastle isolation' {
    It 'uses two BouncyCastle versions that share one assembly identity' {
        # What makes the clash possible in the first place; if this changes, the test below means less.
        $ShippedVersion | Should -Not -Be $OtherVersion
        ([System.Reflection.AssemblyName]::GetAssemblyName($OtherBouncyCastle)).FullName |
            Should -Be ([System.Reflection.AssemblyName]::GetAssemblyName((Join-Path (Split-Path -Parent $ModulePath) 'dependencies/BouncyCastle.Cryptography.dll'))).FullName
    }

    It 'signs with Ed25519 and RSA keys in a session that loaded another BouncyCastle first' {
        $result = Invoke-PmChildPowerShell -Parameters ($Common + @{ Functions = $ChildFunctions }) -ScriptBlock {
            param($ModulePath, $OtherBouncyCastle, $BaseUri, $KeyDir, $Functions)
            . ([scriptblock]::Create($Functions))
            Add-Type -LiteralPath $OtherBouncyCastle
            Import-Module -Name $ModulePath
            [pscustomobject]@{
                Ed25519 = Get-AllRecordCount ed25519
                Rsa     = Get-AllRecordCount rsa
                Loaded  = @(Get-LoadedBouncyCastle)
                Session = Get-SessionBouncyCastleDigest
            }
        }

        $result.Ed25519 | Should -Be $RecordCount
        $result.Rsa | Should -Be $RecordCount
        $ours = @($result.Loaded | Where-Object Version -eq $ShippedVersion)
        $ours.Count | Should -Be 1
        $ours[0].IsDefault | Should -BeFalse
        $ours[0].Context | Should -Be 'PmInterest.Dependencies.ModuleLoadContext'
        $theirs = @($result.Loaded | Where-Object Version -eq $OtherVersion)
        $theirs.Count | Should -Be 1
        $theirs[0].IsDefault | Should -BeTrue
        $result.Session.Version | Should -Be $OtherVersion
        $result.Session.Hex | Should -Be $AbcSha256
    }

    It 'lets another BouncyCastle load and work after the module signed with its own' {
        $result = Invoke-PmChildPowerShell -Parameters ($Common + @{ Functions = $ChildFunctions }) -ScriptBlock {
            param($ModulePath, $OtherBouncyCastle, $BaseUri, $KeyDir, $Functions)
            . ([scriptblock]::Create($Functions))
            Import-Module -Name $ModulePath
            $before = Get-AllRecordCount ed25519
            Add-Type -LiteralPath $OtherBouncyCastle
            [pscustomobject]@{
                Before  = $before
                Session = Get-SessionBouncyCastleDigest
                After   = Get-AllRecordCount rsa
                Loaded  = @(Get-LoadedBouncyCastle)
            }
        }

        $result.Before | Should -Be $RecordCount
        $result.Session.Version | Should -Be $OtherVersion
        $result.Session.Hex | Should -Be $AbcSha256
        $result.After | Should -Be $RecordCount
        @($result.Loaded | Where-Object { $_.Version -eq $ShippedVersion -and -not $_.IsDefault }).Count | Should -Be 1
    }

    It 'loads no BouncyCastle until the first RSA or Ed25519 key' {
        $result = Invoke-PmChildPowerShell -Parameters ($Common + @{ Functions = $ChildFunctions }) -ScriptBlock {
            param($ModulePath, $OtherBouncyCastle, $BaseUri, $KeyDir, $Functions)
            . ([scriptblock]::Create($Functions))
            Import-Module -Name $ModulePath
            $hmac = Get-Content -LiteralPath (Join-Path $KeyDir 'hmac.json') -Raw | ConvertFrom-Json
            Connect-PmAccount -ApiKey $hmac.apiKey -ApiSecret (ConvertTo-SecureString $hmac.secret -AsPlainText -Force) -BaseUri $BaseUri
            $count = @(Get-PmNegativeBalanceInterest -StartTime ([datetime] '2024-12-30Z') -EndTime ([datetime] '2025-01-19Z')).Count
            $names = { @([AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetName().Name } | Where-Object { $_ -in 'PmInterest.Crypto', 'BouncyCastle.Cryptography' } | Sort-Object) }
            $afterHmac = & $names
            $null = Get-AllRecordCount ed25519
            [pscustomobject]@{ Count = $count; AfterHmac = $afterHmac; AfterEd25519 = & $names }
        }

        $result.Count | Should -Be $RecordCount
        @($result.AfterHmac) | Should -BeNullOrEmpty
        @($result.AfterEd25519) | Should -Be @('BouncyCastle.Cryptography', 'PmInterest.Crypto')
    }

    It 'refuses RSA and Ed25519 keys with ModuleIncomplete when dependencies/ is missing, and still works with HMAC keys' {
        $copy = Join-Path $TestDrive 'PmInterest'
        Copy-Item -LiteralPath (Split-Path -Parent $ModulePath) -Destination $copy -Recurse
        Remove-Item -LiteralPath (Join-Path $copy 'dependencies') -Recurse -Force

        $parameters = $Common.Clone()
        $parameters.ModulePath = Join-Path $copy 'PmInterest.psd1'
        $parameters.Functions = $ChildFunctions

        $result = Invoke-PmChildPowerShell -Parameters $parameters -ScriptBlock {
            param($ModulePath, $OtherBouncyCastle, $BaseUri, $KeyDir, $Functions)
            . ([scriptblock]::Create($Functions))
            Import-Module -Name $ModulePath
            $errorId = $null
            $message = $null
            try { $null = Get-AllRecordCount ed25519 } catch { $errorId = $_.FullyQualifiedErrorId; $message = $_.Exception.Message }
            $hmac = Get-Content -LiteralPath (Join-Path $KeyDir 'hmac.json') -Raw | ConvertFrom-Json
            Connect-PmAccount -ApiKey $hmac.apiKey -ApiSecret (ConvertTo-SecureString $hmac.secret -AsPlainText -Force) -BaseUri $BaseUri
            [pscustomobject]@{
                ErrorId = $errorId
                Message = $message
                Hmac    = @(Get-PmNegativeBalanceInterest -StartTime ([datetime] '2024-12-30Z') -EndTime ([datetime] '2025-01-19Z')).Count
            }
        }

        $result.ErrorId | Should -Be 'ModuleIncomplete,PmInterest.Commands.ConnectPmAccountCommand'
        $result.Message | Should -Match 'PmInterest\.Crypto'
        $result.Hmac | Should -Be $RecordCount
    }
}
