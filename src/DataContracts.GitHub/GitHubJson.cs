using System.Text.Json.Serialization;

namespace DataContracts.GitHub;

// The fields of GitHub's REST answers the tool reads, and the bodies it sends. Source-generated (no reflection,
// so the native build needs no directives), snake_case as GitHub spells them; every other field is skipped.

internal sealed record GitHubUser(string? Login);

internal sealed record GitHubTeam(string? Slug);

internal sealed record GitHubCommitRef(string? Sha);

/// <summary><c>GET /repos/{o}/{r}/pulls/{n}/files</c>, one entry.</summary>
internal sealed record GitHubFile(string? Filename, string? Status, string? PreviousFilename);

/// <summary>An issue comment (the pull request's conversation).</summary>
internal sealed record GitHubComment(long Id, string? Body, GitHubUser? User, string? HtmlUrl);

/// <summary><c>GET /repos/{o}/{r}/pulls/{n}</c>: the head commit and who opened it.</summary>
internal sealed record GitHubPull(int Number, GitHubCommitRef? Head, GitHubUser? User);

/// <summary><c>GET /repos/{o}/{r}/pulls/{n}/requested_reviewers</c>.</summary>
internal sealed record GitHubRequestedReviewers(List<GitHubUser?>? Users, List<GitHubTeam?>? Teams);

internal sealed record GitHubReview(GitHubUser? User);

/// <summary>An issue event; <c>review_requested</c> ones name the team whose review was asked for.</summary>
internal sealed record GitHubIssueEvent(string? Event, GitHubTeam? RequestedTeam);

internal sealed record GitHubNewComment(string Body);

internal sealed record GitHubReviewRequest(IReadOnlyList<string> Reviewers, IReadOnlyList<string> TeamReviewers);

internal sealed record GitHubNewStatus(string State, string? Description, string? TargetUrl, string Context);

/// <summary>An error answer: GitHub's <c>message</c> decides which rate limit a 403 is.</summary>
internal sealed record GitHubErrorBody(string? Message);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<GitHubFile?>))]
[JsonSerializable(typeof(List<GitHubComment?>))]
[JsonSerializable(typeof(GitHubComment))]
[JsonSerializable(typeof(GitHubPull))]
[JsonSerializable(typeof(GitHubUser))]
[JsonSerializable(typeof(GitHubRequestedReviewers))]
[JsonSerializable(typeof(List<GitHubReview?>))]
[JsonSerializable(typeof(List<GitHubIssueEvent?>))]
[JsonSerializable(typeof(GitHubNewComment))]
[JsonSerializable(typeof(GitHubReviewRequest))]
[JsonSerializable(typeof(GitHubNewStatus))]
[JsonSerializable(typeof(GitHubErrorBody))]
internal sealed partial class GitHubJson : JsonSerializerContext;
