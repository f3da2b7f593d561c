# Copies of the API secret in the memory of a real pwsh, after the module is done with it.
# A child process (the emulator, which knows the secret, runs in a third one) builds the
# SecureString from the secret file's bytes without a string, connects, fetches, closes the
# connection in each way a user can, and scans its own memory (/proc/self/maps and
# /proc/self/mem) after a full garbage collection. It compares memory against the secret
# XOR a mask, so the pattern it looks for is itself no copy. Linux only: elsewhere the scan is
# skipped, saying so.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:SkipReason = $null
    try {
        $handle = [System.IO.File]::OpenHandle('/proc/self/mem', [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite)
        $handle.Dispose()
        if (-not (Test-Path -LiteralPath '/proc/self/maps')) { throw 'no /proc/self/maps' }
    }
    catch {
        $script:SkipReason = "this process cannot read its own memory through /proc/self/mem ($($_.Exception.Message)): the scan needs Linux"
    }
    if ($SkipReason) { return }

    $script:Emulator = Start-PmEmulator -ArgumentList '--stress', '--seed', '31', '--start', '2025-01-01', '--days', '10', '--weight-limit', '100000000'
    $hmac = Get-Content -LiteralPath (Join-Path $Emulator.KeyDir 'hmac.json') -Raw | ConvertFrom-Json
    # This process (the test runner) may hold the secret; the child reads only these bytes.
    $secretPath = Join-Path $TestDrive 'secret.bin'
    [System.IO.File]::WriteAllBytes($secretPath, [System.Text.Encoding]::ASCII.GetBytes($hmac.secret))

    $scanner = @'
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Security;

namespace PmInterest.TestSupport
{
    /// <summary>Counts copies of a secret in this process's memory without holding the secret itself: only its bytes XOR a mask.</summary>
    public static class SecretScan
    {
        private const byte Mask = 0xA5;
        private static byte[] _utf8 = Array.Empty<byte>();
        private static byte[] _utf16 = Array.Empty<byte>();
        private static byte[] _innerPad = Array.Empty<byte>();

        /// <summary>The file's bytes (ASCII) as a SecureString; no string and no unmasked array is left behind.</summary>
        public static SecureString ReadSecret(string path)
        {
            var length = (int)new FileInfo(path).Length;
            var bytes = new byte[length];
            try
            {
                using (var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read))
                {
                    var read = 0;
                    while (read < length)
                    {
                        var n = RandomAccess.Read(handle, bytes.AsSpan(read), read);
                        if (n == 0) { throw new IOException("The secret file ended early."); }
                        read += n;
                    }
                }

                var secure = new SecureString();
                _utf8 = new byte[length];
                _utf16 = new byte[2 * length];
                _innerPad = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    if (bytes[i] < 0x21 || bytes[i] > 0x7E) { throw new InvalidDataException("The secret file must hold printable ASCII only."); }
                    secure.AppendChar((char)bytes[i]);
                    _utf8[i] = (byte)(bytes[i] ^ Mask);
                    _utf16[2 * i] = (byte)(bytes[i] ^ Mask);
                    _utf16[(2 * i) + 1] = Mask;
                    _innerPad[i] = (byte)(bytes[i] ^ 0x36 ^ Mask);
                }

                secure.MakeReadOnly();
                return secure;
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
            }
        }

        /// <summary>[UTF-8, UTF-16] counts while a pinned UTF-8 copy made here exists (then cleared): the scan finds what is there.</summary>
        public static int[] SelfCheck(SecureString secret)
        {
            var bytes = new byte[secret.Length];
            var pin = GCHandle.Alloc(bytes, GCHandleType.Pinned);
            try
            {
                var pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
                try
                {
                    for (var i = 0; i < bytes.Length; i++) { bytes[i] = (byte)Marshal.ReadInt16(pointer, 2 * i); }
                }
                finally
                {
                    Marshal.ZeroFreeGlobalAllocUnicode(pointer);
                }

                var counts = Count();
                return new[] { counts[0], counts[1] };
            }
            finally
            {
                Array.Clear(bytes, 0, bytes.Length);
                pin.Free();
            }
        }

        /// <summary>[copies as UTF-8, as UTF-16, as the HMAC inner pad (secret XOR 0x36)] in every readable mapping of this process.</summary>
        public static int[] Count()
        {
            var counts = new int[3];
            var buffer = new byte[1 << 20];
            using (var mem = File.OpenHandle("/proc/self/mem", FileMode.Open, FileAccess.Read, FileShare.ReadWrite))
            {
                foreach (var line in File.ReadAllLines("/proc/self/maps"))
                {
                    var parts = line.Split(new[] { ' ' }, 6, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length < 2 || parts[1][0] != 'r' || line.EndsWith("[vvar]", StringComparison.Ordinal) || line.EndsWith("[vsyscall]", StringComparison.Ordinal) || line.EndsWith("[vvar_vclock]", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var range = parts[0].Split('-');
                    var start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    var end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    counts[0] += CountIn(mem, start, end, _utf8, buffer);
                    counts[1] += CountIn(mem, start, end, _utf16, buffer);
                    counts[2] += CountIn(mem, start, end, _innerPad, buffer);
                }
            }

            return counts;
        }

        private static int CountIn(Microsoft.Win32.SafeHandles.SafeFileHandle mem, long start, long end, byte[] masked, byte[] buffer)
        {
            var found = 0;
            var length = masked.Length;
            var first = (byte)(masked[0] ^ Mask);
            var position = start;
            while (position < end)
            {
                int n;
                try
                {
                    n = RandomAccess.Read(mem, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - position)), position);
                }
                catch (IOException) { return found; }
                catch (UnauthorizedAccessException) { return found; }

                if (n <= 0) { return found; }
                var span = new ReadOnlySpan<byte>(buffer, 0, n);
                var at = 0;
                while (at <= n - length)
                {
                    var next = span.Slice(at, n - length + 1 - at).IndexOf(first);
                    if (next < 0) { break; }
                    at += next;
                    var match = true;
                    for (var j = 1; j < length; j++)
                    {
                        if ((byte)(buffer[at + j] ^ Mask) != masked[j]) { match = false; break; }
                    }

                    if (match) { found++; }
                    at++;
                }

                // What was read is cleared at once, so the next read of this buffer's own page finds no copy.
                Array.Clear(buffer, 0, n);
                if (position + n >= end) { break; }
                position += n - (length - 1);
            }

            return found;
        }
    }
}

'@

    $script:Scan = Invoke-PmChildPowerShell -TimeoutSeconds 300 -Parameters @{
        ModulePath    = Get-PmModulePath
        BaseUri       = $Emulator.Url
        ApiKey        = $hmac.apiKey
        SecretPath    = $secretPath
        ScannerSource = $scanner
    } -ScriptBlock {
        param($ModulePath, $BaseUri, $ApiKey, $SecretPath, $ScannerSource)
        Add-Type -TypeDefinition $ScannerSource
        $secret = [PmInterest.TestSupport.SecretScan]::ReadSecret($SecretPath)
        $from = [datetime]::new(2025, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)
        $connect = @{ ApiKey = $ApiKey; ApiSecret = $secret; BaseUri = $BaseUri; WeightLimit = 100000000 }
        function Measure-Copies([string] $Step, [int] $Records = -1) {
            [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
            $counts = [PmInterest.TestSupport.SecretScan]::Count()
            [pscustomobject]@{ Step = $Step; Utf8 = $counts[0]; Utf16 = $counts[1]; KeyPad = $counts[2]; Records = $Records }
        }

        Measure-Copies 'start'
        $self = [PmInterest.TestSupport.SecretScan]::SelfCheck($secret)
        [pscustomobject]@{ Step = 'self-check'; Utf8 = $self[0]; Utf16 = $self[1]; KeyPad = -1; Records = -1 }
        Import-Module -Name $ModulePath
        Connect-PmAccount @connect
        Measure-Copies 'connected' @(Get-PmNegativeBalanceInterest -StartTime $from -EndTime $from.AddDays(5)).Count
        Disconnect-PmAccount
        Measure-Copies 'disconnected'
        Connect-PmAccount @connect
        Connect-PmAccount @connect
        Measure-Copies 'replaced' @(Get-PmNegativeBalanceInterest -StartTime $from -EndTime $from.AddDays(5)).Count
        $handedOut = Connect-PmAccount @connect -PassThru
        Measure-Copies 'handed out' @(Get-PmNegativeBalanceInterest -Connection $handedOut -StartTime $from -EndTime $from.AddDays(5)).Count
        Remove-Module -Name PmInterest
        Measure-Copies 'removed'
        Import-Module -Name $ModulePath
        try {
            $null = Get-PmNegativeBalanceInterest -Connection $handedOut -StartTime $from -EndTime $from.AddDays(1)
            [pscustomobject]@{ Step = 'closed connection used'; Utf8 = -1; Utf16 = -1; KeyPad = -1; Records = -1; Error = '' }
        }
        catch {
            [pscustomobject]@{ Step = 'closed connection used'; Utf8 = -1; Utf16 = -1; KeyPad = -1; Records = -1; Error = $_.FullyQualifiedErrorId + ': ' + $_.Exception.Message }
        }
        $secret.Dispose()
        Measure-Copies 'secret disposed'
    }
    $script:Steps = @{}
    foreach ($step in $Scan) { $Steps[$step.Step] = $step }
}

AfterAll {
    if ($Emulator) { $Emulator | Stop-PmEmulator }
}

Describe 'Copies of the API secret in memory' {
    BeforeEach {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason }
    }

    It 'finds a copy where there is one, and none before the module is loaded (the scan itself copies nothing)' {
        if ($SkipReason) { return }
        $Steps['start'].Utf8 | Should -Be 0
        $Steps['start'].KeyPad | Should -Be 0
        $Steps['self-check'].Utf8 | Should -Be 1
        $Steps['self-check'].Utf16 | Should -BeGreaterOrEqual 1
    }

    It 'keeps no UTF-8 copy of the secret while connected, and the key only once, in the signer' {
        if ($SkipReason) { return }
        $Steps['connected'].Records | Should -BeGreaterThan 0
        $Steps['connected'].Utf8 | Should -Be 0
        # The HMAC key as the signer holds it (the secret XOR 0x36, RFC 2104's inner pad): the scan sees the key the module keeps.
        $Steps['connected'].KeyPad | Should -Be 1
    }

    It 'leaves no copy of the secret or the key after Disconnect-PmAccount' {
        if ($SkipReason) { return }
        $Steps['disconnected'].Utf8 | Should -Be 0
        $Steps['disconnected'].KeyPad | Should -Be 0
    }

    It 'clears the key of the connection that a new Connect-PmAccount replaces' {
        if ($SkipReason) { return }
        $Steps['replaced'].Records | Should -BeGreaterThan 0
        $Steps['replaced'].Utf8 | Should -Be 0
        $Steps['replaced'].KeyPad | Should -Be 1
        $Steps['handed out'].Records | Should -BeGreaterThan 0
        $Steps['handed out'].KeyPad | Should -Be 1
    }

    It 'closes every connection of the session at Remove-Module, handed out or not, and leaves no copy' {
        if ($SkipReason) { return }
        $Steps['removed'].Utf8 | Should -Be 0
        $Steps['removed'].KeyPad | Should -Be 0
        $Steps['closed connection used'].Error | Should -BeLike 'NoCredentials,*: The connection was closed*'
    }

    It 'leaves no UTF-16 copy once the caller disposes the SecureString (the one left until then is the SecureString''s own buffer, unencrypted on Unix)' {
        if ($SkipReason) { return }
        # While the caller holds the SecureString, .NET keeps its characters (UTF-16) in one
        # unmanaged buffer, not encrypted outside Windows: that copy is the caller's, not the module's.
        $Steps['removed'].Utf16 | Should -Be 1
        $Steps['secret disposed'].Utf16 | Should -Be 0
        $Steps['secret disposed'].Utf8 | Should -Be 0
    }
}
