using System;
using System.Management.Automation;

namespace PmInterest.Commands;

/// <summary>Input the module refuses before any request, with the error id, category and fix to report.</summary>
internal sealed class PmInputException : Exception
{
    public PmInputException(string errorId, string message, string recommendedAction, Exception? innerException = null)
        : base(message, innerException)
    {
        ErrorId = errorId;
        Category = ErrorIds.CategoryOf(errorId);
        RecommendedAction = recommendedAction;
    }

    public string ErrorId { get; }

    public ErrorCategory Category { get; }

    public string RecommendedAction { get; }
}
