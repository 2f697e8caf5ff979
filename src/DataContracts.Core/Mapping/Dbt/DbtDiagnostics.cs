namespace DataContracts.Diagnostics;

/// <summary>dbt mapping diagnostics (DC4000–DC4999).</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor DbtYamlTooDeep =
        new("DC4060", Severity.Error, "dbt YAML file is nested too deep");

    public static readonly DiagnosticDescriptor DbtManifestNotFound =
        new("DC4001", Severity.Error, "dbt manifest not found");

    public static readonly DiagnosticDescriptor DbtManifestInvalidJson =
        new("DC4002", Severity.Error, "dbt manifest is not valid JSON");

    public static readonly DiagnosticDescriptor DbtNotAManifest =
        new("DC4003", Severity.Error, "File is not a dbt manifest");

    public static readonly DiagnosticDescriptor DbtManifestVersionUnsupported =
        new("DC4004", Severity.Warning, "Unsupported dbt manifest schema version");

    public static readonly DiagnosticDescriptor DbtProjectNotFound =
        new("DC4005", Severity.Error, "dbt project not found");

    public static readonly DiagnosticDescriptor DbtManifestUnreadable =
        new("DC4006", Severity.Error, "dbt manifest cannot be read");

    public static readonly DiagnosticDescriptor DbtProjectFileInvalid =
        new("DC4007", Severity.Error, "dbt_project.yml cannot be parsed");

    public static readonly DiagnosticDescriptor DbtFileNotInManifest =
        new("DC4010", Severity.Warning, "Changed dbt file is not in the manifest");

    public static readonly DiagnosticDescriptor DbtModelWithoutRelation =
        new("DC4011", Severity.Info, "dbt node has no warehouse relation");

    public static readonly DiagnosticDescriptor DbtDeletedFileApproximate =
        new("DC4012", Severity.Warning, "Deleted dbt file mapped approximately");

    public static readonly DiagnosticDescriptor DbtDisabledNode =
        new("DC4013", Severity.Info, "Changed dbt node is disabled");

    public static readonly DiagnosticDescriptor DbtProjectWideChange =
        new("DC4014", Severity.Warning, "dbt project-wide file changed");

    public static readonly DiagnosticDescriptor DbtApproximateMapping =
        new("DC4020", Severity.Warning, "dbt mapping is approximate (no manifest)");

    public static readonly DiagnosticDescriptor DbtMacroWithoutManifest =
        new("DC4021", Severity.Warning, "Macro changed but no manifest to find its dependents");
}
