using System.Text;
using DataContracts.IO;
using Octokit;

namespace DataContracts.GitHub;

/// <summary>A file of a commit, as the pull request's head has it (the fork-safe pair reads the head's files here).</summary>
internal sealed partial class OctokitPullRequestGateway
{
    public async Task<string?> GetFileTextAsync(string path, string sha, CancellationToken cancellationToken)
    {
        var action = $"read {path} at {sha[..Math.Min(7, sha.Length)]}";
        try
        {
            return await CallAsync(
                async () =>
                {
                    // Octokit buffers every answer (GitHub serves raw files up to 100 MB); the text is kept only under the bound.
                    var body = await client.Repository.Content.GetRawContentByRef(owner, repository, path, sha).ConfigureAwait(false);
                    return Decode(body ?? [], path);
                },
                action,
                cancellationToken).ConfigureAwait(false);
        }
        catch (DataContracts.Diagnostics.ServiceException e) when (e.InnerException is NotFoundException)
        {
            return null;
        }
    }

    private static string Decode(byte[] body, string path)
    {
        if (body.Length > BoundedFile.MaxTextBytes)
        {
            throw BoundedFile.TooLarge($"{path} (GitHub)", BoundedFile.MaxTextBytes);
        }

        using var reader = new StreamReader(new MemoryStream(body), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
