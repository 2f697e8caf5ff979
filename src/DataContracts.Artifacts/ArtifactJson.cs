using System.Text.Json.Serialization;

namespace DataContracts.Artifacts;

/// <summary><c>GET /repos/{owner}/{repo}</c>: only what choosing production's run needs.</summary>
internal sealed record GitHubRepository(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("default_branch")] string? DefaultBranch);

internal sealed record GitHubRepositoryRef([property: JsonPropertyName("id")] long Id);

/// <summary>One workflow run as <c>GET …/actions/workflows/{id}/runs</c> lists it.</summary>
internal sealed record GitHubWorkflowRun(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("head_branch")] string? HeadBranch,
    [property: JsonPropertyName("head_sha")] string? HeadSha,
    [property: JsonPropertyName("status")] string? Status,
    [property: JsonPropertyName("conclusion")] string? Conclusion,
    [property: JsonPropertyName("event")] string? Event,
    [property: JsonPropertyName("created_at")] DateTimeOffset? CreatedAt,
    [property: JsonPropertyName("repository")] GitHubRepositoryRef? Repository,
    [property: JsonPropertyName("head_repository")] GitHubRepositoryRef? HeadRepository);

internal sealed record GitHubWorkflowRuns(
    [property: JsonPropertyName("total_count")] int TotalCount,
    [property: JsonPropertyName("workflow_runs")] IReadOnlyList<GitHubWorkflowRun>? WorkflowRuns);

/// <summary>One artifact as <c>GET …/actions/runs/{id}/artifacts</c> lists it.</summary>
internal sealed record GitHubArtifact(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("size_in_bytes")] long SizeInBytes,
    [property: JsonPropertyName("archive_download_url")] string? ArchiveDownloadUrl,
    [property: JsonPropertyName("expired")] bool Expired,
    [property: JsonPropertyName("expires_at")] DateTimeOffset? ExpiresAt);

internal sealed record GitHubArtifacts(
    [property: JsonPropertyName("total_count")] int TotalCount,
    [property: JsonPropertyName("artifacts")] IReadOnlyList<GitHubArtifact>? Artifacts);

/// <summary>Source-generated (no reflection), so the native tool reads these without trimming surprises.</summary>
[JsonSerializable(typeof(GitHubRepository))]
[JsonSerializable(typeof(GitHubWorkflowRuns))]
[JsonSerializable(typeof(GitHubArtifacts))]
internal sealed partial class ArtifactJsonContext : JsonSerializerContext;
