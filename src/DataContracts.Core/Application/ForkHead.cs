using System.Collections.Immutable;

namespace DataContracts.Application;

/// <summary>
/// The fork-safe pair's account of the pull request's head: the changed model files as GitHub serves them at the
/// run's head (the checkout is the default branch), and whether the fork's own dbt artifacts may be used beyond
/// what those files show.
/// </summary>
internal sealed record ForkHead
{
    /// <summary>Workspace-relative path → the file's text at the head; null when the head has no such file.</summary>
    public required ImmutableDictionary<string, string?> Files { get; init; }

    /// <summary>
    /// True with <c>--trust-head-artifacts</c>: the head manifest's compiled SQL and the head catalog are used as
    /// given (after its SQL was found equal to GitHub's files). False: changes are classified on the files alone.
    /// </summary>
    public required bool ArtifactsTrusted { get; init; }

    /// <summary>
    /// True when the head manifest was handed in (<c>--manifest</c>: the fork's artifact) and its SQL matched the
    /// files; false when the manifest in use is the checkout's own, which describes the default branch, not the head.
    /// </summary>
    public required bool ManifestIsHeads { get; init; }

    /// <summary>For people: "pull request #7 at be3a903 (GitHub)".</summary>
    public required string Description { get; init; }
}
