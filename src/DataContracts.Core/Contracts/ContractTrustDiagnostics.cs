namespace DataContracts.Diagnostics;

internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor SecodaSettingsChangedInPullRequest =
        new("DC2050", Severity.Error, "The change moves where the Secoda key is sent");
}
