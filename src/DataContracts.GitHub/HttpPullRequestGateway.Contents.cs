using DataContracts.IO;

namespace DataContracts.GitHub;

/// <summary>A file of a commit, as the pull request's head has it (the fork-safe pair reads the head's files here).</summary>
internal sealed partial class HttpPullRequestGateway
{
    public async Task<string?> GetFileTextAsync(string path, string sha, CancellationToken cancellationToken)
    {
        var action = $"read {path} at {sha[..Math.Min(7, sha.Length)]}";
        var url = new Uri(repositoryUrl, $"contents/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}?ref={Uri.EscapeDataString(sha)}");
        try
        {
            // GitHub serves raw files up to 100 MB: the answer is read only up to the bound, never buffered whole.
            var body = await CallAsync(
                t => http.GetRawAsync(url, "application/vnd.github.raw", BoundedFile.MaxTextBytes, () => BoundedFile.TooLarge($"{path} (GitHub)", BoundedFile.MaxTextBytes), t),
                action,
                cancellationToken).ConfigureAwait(false);
            return BoundedFile.Decode(body);
        }
        catch (DataContracts.Diagnostics.ServiceException e) when (e.InnerException is GitHubApiException { Problem: GitHubProblem.NotFound })
        {
            return null;
        }
    }
}
