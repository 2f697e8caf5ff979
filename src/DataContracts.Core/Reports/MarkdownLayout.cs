namespace DataContracts.Reports;

/// <summary>
/// What the Markdown report shows. The defaults are the full report (job summary, <c>--format markdown</c>);
/// the sticky comment turns detail off, least useful first, until the body fits GitHub's limit.
/// </summary>
internal sealed record MarkdownLayout
{
    /// <summary>A first line (the comment's hidden marker), or null.</summary>
    public string? Marker { get; init; }

    /// <summary>How many impact rows to show; null for all.</summary>
    public int? RowLimit { get; init; }

    public bool ShowGraph { get; init; } = true;

    public bool ShowDiagnostics { get; init; } = true;

    /// <summary>List acknowledged and ignored consumers in a collapsed table (else one line counts them).</summary>
    public bool ShowApart { get; init; } = true;

    /// <summary>The body was shortened: say so and point to the job summary.</summary>
    public bool Cut { get; init; }

    /// <summary>Above this many nodes the Mermaid graph is summarised by type and verdict: one by one it would be unreadable.</summary>
    public int MaxGraphNodes { get; init; } = 25;

    /// <summary>The workflow run whose job summary holds the full report.</summary>
    public Uri? RunUrl { get; init; }

    /// <summary>Owner emails to GitHub handles shown as real mentions (the comment, opt-in); null escapes every <c>@</c>.</summary>
    public IReadOnlyDictionary<string, string>? Mentions { get; init; }

    /// <summary>The commit checked, shown so reviewers know the text is current.</summary>
    public string? HeadSha { get; init; }
}
