namespace Governance.Validation;

/// <summary>Why a record was dead-lettered: a reason code from <c>RejectionReasons</c> and a human message.</summary>
public sealed record Rejection(string Reason, string Message);
