namespace DataContracts.Fakes;

/// <summary>A workflow run held by <see cref="FakeGitHubServer"/>, with the artifacts it uploaded.</summary>
public sealed class FakeWorkflowRun
{
    public required long Id { get; init; }

    /// <summary>The workflow's file name under .github/workflows (deploy.yml).</summary>
    public required string WorkflowFile { get; init; }

    public long WorkflowId { get; init; } = 161335;

    public string HeadBranch { get; init; } = "main";

    public string HeadSha { get; init; } = "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed";

    /// <summary>success, failure, cancelled…; null while the run is in progress.</summary>
    public string? Conclusion { get; init; } = "success";

    public string Event { get; init; } = "push";

    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow.AddHours(-1);

    /// <summary>The repository the head commit is in: a fork's id for a fork's pull request run.</summary>
    public long? HeadRepositoryId { get; init; }

    public List<FakeArtifact> Artifacts { get; } = [];
}

/// <summary>An artifact: its zip as the blob host serves it, and what the listing says about it.</summary>
public sealed class FakeArtifact
{
    public required long Id { get; init; }

    public required string Name { get; init; }

    public required byte[] Zip { get; init; }

    public bool Expired { get; init; }

    public DateTimeOffset ExpiresAt { get; init; } = DateTimeOffset.UtcNow.AddDays(80);

    /// <summary>What the listing claims; by default the zip's real size.</summary>
    public long? DeclaredSize { get; init; }
}
