namespace DataContracts.Diagnostics;

/// <summary>
/// A documented diagnostic code. Every descriptor has a page at docs/diagnostics/{Code}.md; a test
/// enumerates the <see cref="DiagnosticCodes"/> partial class to keep code and docs in step.
/// </summary>
internal sealed record DiagnosticDescriptor(string Code, Severity DefaultSeverity, string Title)
{
    public Diagnostic Create(string message, SourceLocation? location = null, string? hint = null) =>
        new(Code, DefaultSeverity, message, location, hint);

    public Diagnostic Create(Severity severity, string message, SourceLocation? location = null, string? hint = null) =>
        new(Code, severity, message, location, hint);
}
