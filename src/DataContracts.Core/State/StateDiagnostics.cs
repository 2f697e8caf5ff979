namespace DataContracts.Diagnostics;

/// <summary>Production state fetched by the tool (DC4100–DC4149) and from GitHub Actions artifacts (DC7100–DC7119).</summary>
internal static partial class DiagnosticCodes
{
    public static readonly DiagnosticDescriptor StateSourceInvalid =
        new("DC4100", Severity.Error, "The production state source is not valid");

    public static readonly DiagnosticDescriptor StateSourceChangedInPullRequest =
        new("DC4101", Severity.Error, "The pull request changes where production state is fetched from");

    public static readonly DiagnosticDescriptor StateTokenMissing =
        new("DC4102", Severity.Error, "No token to fetch production state");

    public static readonly DiagnosticDescriptor StateFetchFailed =
        new("DC4103", Severity.Error, "Production state could not be fetched");

    public static readonly DiagnosticDescriptor StateArchiveRefused =
        new("DC4104", Severity.Error, "A fetched state archive was refused");

    public static readonly DiagnosticDescriptor StateWithoutManifest =
        new("DC4105", Severity.Error, "The fetched production state has no manifest.json");

    public static readonly DiagnosticDescriptor StateTooLarge =
        new("DC4106", Severity.Error, "A fetched state file is larger than allowed");

    public static readonly DiagnosticDescriptor StateUnavailableWarn =
        new("DC4107", Severity.Warning, "Production state unavailable: every change is unknown");

    public static readonly DiagnosticDescriptor DbtCloudUnauthorized =
        new("DC4110", Severity.Error, "dbt Cloud refused the token");

    public static readonly DiagnosticDescriptor DbtCloudNotFound =
        new("DC4111", Severity.Error, "dbt Cloud has no such job or artifact");

    public static readonly DiagnosticDescriptor GitHubArtifactNotFound =
        new("DC7100", Severity.Error, "No usable GitHub Actions artifact for the production state");

    public static readonly DiagnosticDescriptor GitHubArtifactWorkflowNotFound =
        new("DC7101", Severity.Error, "The workflow named by the state source was not found");

    public static readonly DiagnosticDescriptor GitHubArtifactRequestFailed =
        new("DC7102", Severity.Error, "GitHub refused or failed an artifacts request");

    public static readonly DiagnosticDescriptor GitHubArtifactNoRepository =
        new("DC7103", Severity.Error, "No repository to fetch the artifact from");
}
