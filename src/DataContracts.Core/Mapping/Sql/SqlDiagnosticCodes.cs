namespace DataContracts.Diagnostics;

/// <summary>Plain SQL mapping: DC5000–DC5999.</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor SqlFileUnreadable =
        new("DC5001", Severity.Error, "SQL file cannot be read");

    public static readonly DiagnosticDescriptor SqlPathIsFolder =
        new("DC5002", Severity.Error, "SQL path is a folder");

    public static readonly DiagnosticDescriptor SqlFileNotText =
        new("DC5003", Severity.Error, "SQL file is not text");

    public static readonly DiagnosticDescriptor SqlNoTargets =
        new("DC5004", Severity.Warning, "SQL file names no target table");

    public static readonly DiagnosticDescriptor SqlUnterminated =
        new("DC5005", Severity.Warning, "Unterminated string, comment or quoted name in SQL");

    public static readonly DiagnosticDescriptor SqlTargetUnresolved =
        new("DC5006", Severity.Warning, "SQL target name cannot be resolved");

    public static readonly DiagnosticDescriptor SqlBaseContentMissing =
        new("DC5007", Severity.Warning, "Previous version of a SQL file is not available");
}
