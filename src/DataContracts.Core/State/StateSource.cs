using System.Text.RegularExpressions;
using DataContracts.Diagnostics;

namespace DataContracts.State;

internal enum StateSourceKind
{
    /// <summary>A folder on disk, as dbt's <c>--state</c>.</summary>
    Folder,

    /// <summary><c>github-artifact:WORKFLOW/ARTIFACT</c>: the newest artifact of a successful run of a workflow on the default branch.</summary>
    GitHubArtifact,

    /// <summary><c>dbt-cloud:ACCOUNT/JOB</c>: the artifacts of a dbt Cloud job's latest successful run.</summary>
    DbtCloud,
}

/// <summary>
/// Where production's dbt artifacts are: a folder, or a source the tool fetches read-only. Parsed from
/// <c>dbt.state</c>, <c>--state</c> or the Action's <c>state</c> input; the prefix decides, so a folder that
/// happens to contain a colon is still a folder unless it starts with one of the two source names.
/// </summary>
internal sealed partial record StateSource
{
    public const string GitHubPrefix = "github-artifact:";
    public const string DbtCloudPrefix = "dbt-cloud:";

    public required StateSourceKind Kind { get; init; }

    /// <summary>The value as written, shown in reports.</summary>
    public required string Text { get; init; }

    /// <summary>GitHub: the workflow file name (<c>deploy.yml</c>) or its numeric id.</summary>
    public string? Workflow { get; init; }

    /// <summary>GitHub: the artifact's name as <c>actions/upload-artifact</c> gave it.</summary>
    public string? Artifact { get; init; }

    /// <summary>dbt Cloud: the numeric account id.</summary>
    public long Account { get; init; }

    /// <summary>dbt Cloud: the numeric job id.</summary>
    public long Job { get; init; }

    public bool IsFetched => Kind != StateSourceKind.Folder;

    /// <summary>The source the text names; throws <see cref="InputException"/> (DC4100) for a malformed source.</summary>
    public static StateSource Parse(string text, SourceLocation? location)
    {
        var value = text.Trim();
        if (value.StartsWith(GitHubPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var match = GitHubForm().Match(value[GitHubPrefix.Length..]);
            if (!match.Success)
            {
                throw Invalid(value, location, "github-artifact:WORKFLOW/ARTIFACT, where WORKFLOW is a workflow file name (deploy.yml) or id and ARTIFACT the artifact's name, for example github-artifact:deploy.yml/dbt-state");
            }

            return new StateSource { Kind = StateSourceKind.GitHubArtifact, Text = value, Workflow = match.Groups["workflow"].Value, Artifact = match.Groups["artifact"].Value };
        }

        if (value.StartsWith(DbtCloudPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var match = DbtCloudForm().Match(value[DbtCloudPrefix.Length..]);
            if (!match.Success || !long.TryParse(match.Groups["account"].Value, out var account) || !long.TryParse(match.Groups["job"].Value, out var job))
            {
                throw Invalid(value, location, "dbt-cloud:ACCOUNT/JOB with the numeric account and job ids from the job's URL, for example dbt-cloud:12345/67890");
            }

            return new StateSource { Kind = StateSourceKind.DbtCloud, Text = value, Account = account, Job = job };
        }

        return new StateSource { Kind = StateSourceKind.Folder, Text = text };
    }

    private static InputException Invalid(string value, SourceLocation? location, string form) =>
        new(DiagnosticCodes.StateSourceInvalid.Create(
            $"'{Shown(value)}' is not a state source the tool can fetch.",
            location,
            $"Write {form}; or name a folder holding manifest.json."));

    /// <summary>The value for a message: printable characters only and short, since it comes from a pull request.</summary>
    private static string Shown(string value)
    {
        var printable = new string([.. value.Where(c => !char.IsControl(c)).Take(120)]);
        return printable.Length < value.Length ? printable + "…" : printable;
    }

    [GeneratedRegex(@"^(?<workflow>[0-9]{1,19}|[A-Za-z0-9_.-]{1,100}\.ya?ml)/(?<artifact>[A-Za-z0-9][A-Za-z0-9_.-]{0,99})$")]
    private static partial Regex GitHubForm();

    [GeneratedRegex(@"^(?<account>[0-9]{1,18})/(?<job>[0-9]{1,18})$")]
    private static partial Regex DbtCloudForm();
}
