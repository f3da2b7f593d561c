namespace PmInterest.Emulator;

/// <summary>The pieces of the hostile modes the dispatcher needs, kept together so the core stays readable.</summary>
internal sealed record HostileParts(HostileAnswers Answers, HostileControlEndpoints Control, RequestLog Log, RedirectListener Redirects);
