namespace DataContracts.Diagnostics;

/// <summary>One problem or finding, as data. Renderers decide how it looks.</summary>
internal sealed record Diagnostic(
    string Code,
    Severity Severity,
    string Message,
    SourceLocation? Location = null,
    string? Hint = null)
{
    public bool IsError => Severity == Severity.Error;
}
