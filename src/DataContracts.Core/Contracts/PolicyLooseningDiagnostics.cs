namespace DataContracts.Diagnostics;

/// <summary>DC208x: a pull request that weakens its own contract (issue 20, item 13).</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor PolicyLoosenedBaseApplies =
        new("DC2080", Severity.Warning, "The change loosens the contract policy; the base's applies until it is merged");

    public static readonly DiagnosticDescriptor PolicyLoosenedInEffect =
        new("DC2081", Severity.Warning, "The change loosens the contract policy, and it takes effect");

    public static readonly DiagnosticDescriptor PolicyBaseUnknown =
        new("DC2082", Severity.Info, "The base's contract file cannot be compared with");
}
