namespace DataContracts.GitHub;

/// <summary>Which GitHub side effects a check asks for (CLI options, Action inputs).</summary>
internal sealed record GitHubPublishOptions
{
    /// <summary><c>--comment</c>: the sticky comment; in a <c>workflow_run</c> event also the <c>datacontracts</c> commit status.</summary>
    public bool Comment { get; init; }

    /// <summary><c>--request-reviewers</c>: ask the owners of contracts with blocking impact for a review.</summary>
    public bool RequestReviewers { get; init; }

    /// <summary><c>--mention-owners</c>: owners mapped by <c>owners_map</c> are mentioned in the comment instead of shown escaped.</summary>
    public bool MentionOwners { get; init; }

    /// <summary>
    /// How long the pull request's side effects may take in all (what <c>--timeout</c> leaves after the check);
    /// null: no limit of their own. A hostile or broken server cannot hold the run past it.
    /// </summary>
    public TimeSpan? Timeout { get; init; }

    public bool WritesToPullRequest => Comment || RequestReviewers;
}
