using DataContracts.Changes;

namespace DataContracts.GitHub;

/// <summary>
/// The pull request's files at the <c>workflow_run</c>'s head, as GitHub serves them: the one account of the
/// head a fork cannot write in the privileged half (its artifacts can say anything). The check reads each file
/// once and keeps the text (<c>ForkHead</c>), so nothing is cached here.
/// </summary>
internal sealed class PullRequestHeadContent(IPullRequestGateway gateway, int pullRequest, string headSha) : IHeadContentReader
{
    public string Description => $"pull request #{pullRequest} at {headSha[..Math.Min(7, headSha.Length)]} (GitHub)";

    public Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken) =>
        gateway.GetFileTextAsync(workspaceRelativePath, headSha, cancellationToken);
}
