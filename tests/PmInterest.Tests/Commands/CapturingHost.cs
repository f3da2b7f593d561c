using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace PmInterest.Tests.Commands;

/// <summary>A host that keeps what is written to its console (-WhatIf's lines go there, not to a stream).</summary>
internal sealed class CapturingHost : PSHost
{
    private readonly CapturingUserInterface _ui = new();

    public List<string> Lines => _ui.Lines;

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;

    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;

    public override Guid InstanceId { get; } = Guid.NewGuid();

    public override string Name => "PmInterest.Tests";

    public override PSHostUserInterface UI => _ui;

    public override Version Version => new(1, 0);

    public override void EnterNestedPrompt() => throw new NotSupportedException();

    public override void ExitNestedPrompt() => throw new NotSupportedException();

    public override void NotifyBeginApplication()
    {
    }

    public override void NotifyEndApplication()
    {
    }

    public override void SetShouldExit(int exitCode)
    {
    }

    private sealed class CapturingUserInterface : PSHostUserInterface
    {
        public List<string> Lines { get; } = new();

        public override PSHostRawUserInterface? RawUI => null;

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) => throw new NotSupportedException();

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw new NotSupportedException();

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

        public override string ReadLine() => throw new NotSupportedException();

        public override SecureString ReadLineAsSecureString() => throw new NotSupportedException();

        public override void Write(string value) => Add(value);

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Add(value);

        public override void WriteDebugLine(string message) => Add(message);

        public override void WriteErrorLine(string value) => Add(value);

        public override void WriteLine(string value) => Add(value);

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
        }

        public override void WriteVerboseLine(string message) => Add(message);

        public override void WriteWarningLine(string message) => Add(message);

        private void Add(string value)
        {
            lock (Lines)
            {
                Lines.Add(value);
            }
        }
    }
}
