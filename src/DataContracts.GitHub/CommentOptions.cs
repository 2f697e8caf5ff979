namespace DataContracts.GitHub;

/// <summary>How the sticky comment is rendered; defaults fit GitHub.</summary>
internal sealed record CommentOptions
{
    /// <summary>GitHub's limit for an issue comment body.</summary>
    public const int GitHubMaxLength = 65_536;

    public int MaxLength { get; init; } = GitHubMaxLength;

    /// <summary>Above this many nodes the Mermaid graph is summarised by type and verdict: one by one it would be unreadable.</summary>
    public int MaxGraphNodes { get; init; } = 25;

    /// <summary>The workflow run whose job summary holds the full report.</summary>
    public Uri? RunUrl { get; init; }

    /// <summary>Owner emails to GitHub handles that may be mentioned (opt-in, <c>--mention-owners</c>); null keeps every <c>@</c> escaped.</summary>
    public IReadOnlyDictionary<string, string>? Mentions { get; init; }

    /// <summary>The commit checked, shown so reviewers know the comment is current.</summary>
    public string? HeadSha { get; init; }
}
