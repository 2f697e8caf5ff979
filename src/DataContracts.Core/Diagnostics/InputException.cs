namespace DataContracts.Diagnostics;

/// <summary>
/// Bad input the user can fix (arguments, contract file, manifest, unreadable files): exit code 2.
/// Carries diagnostics rather than a stack trace; the message never contains secrets.
/// </summary>
internal sealed class InputException : Exception
{
    public InputException(Diagnostic diagnostic)
        : this([diagnostic])
    {
    }

    public InputException(IReadOnlyList<Diagnostic> diagnostics)
        : base(diagnostics.Count > 0 ? diagnostics[0].Message : "Invalid input.")
    {
        Diagnostics = diagnostics;
    }

    public IReadOnlyList<Diagnostic> Diagnostics { get; }
}
