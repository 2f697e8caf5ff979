namespace DataContracts.Diagnostics;

/// <summary>How much a diagnostic matters. Errors stop the run or the merge; warnings are reported.</summary>
internal enum Severity
{
    Info,
    Warning,
    Error,
}
