namespace DataContracts.Diagnostics;

internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor CacheFileRejected =
        new("DC6040", Severity.Warning, "Cache file was not written for this key and catalog");
}
