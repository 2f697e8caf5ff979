using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// In a <c>workflow_run</c> job the changed-files list comes from the fork's artifact, so it can say anything
/// (<c>M README.md</c> while the pull request rewrites a contracted model). GitHub's own list
/// (<c>GET pulls/N/files</c>) is read between two reads of the pull request that both show the run's head
/// (<c>workflow_run.head_sha</c>), so it is the list of that very commit; the artifact must name the same files
/// with the same status, or the run stops with DC7060 and the status it writes is <c>error</c>. A rename counts
/// the same as deleting the old path and adding the new one: git and GitHub detect renames differently, and the
/// run goes on with GitHub's list either way.
/// </summary>
internal static class PullRequestFileCheck
{
    /// <summary>GitHub lists at most 3,000 files of a pull request; a list that long may be cut, so it vouches for nothing.</summary>
    public const int GitHubFileLimit = 3000;

    private const int Shown = 10;

    public static async Task<ImmutableArray<ChangedFile>> ReadAsync(
        IPullRequestGateway gateway, GitHubContext context, int pullRequest, ChangeSet? listed, CancellationToken cancellationToken)
    {
        await VerifyHeadAsync(gateway, context, pullRequest, cancellationToken).ConfigureAwait(false);
        var files = await gateway.ListFilesAsync(pullRequest, cancellationToken).ConfigureAwait(false);

        // A push between the two reads would make the list another commit's.
        await VerifyHeadAsync(gateway, context, pullRequest, cancellationToken).ConfigureAwait(false);
        if (files.Length >= GitHubFileLimit)
        {
            throw new ServiceException(DiagnosticCodes.PullRequestTooLargeToVerify.Create(
                $"GitHub lists {files.Length} files for pull request #{pullRequest}, its limit, so the complete list of changed files is unknown and the pull request was not checked.",
                hint: "Split the pull request; GitHub's API stops listing a pull request's files at 3,000."));
        }

        if (listed is not null && Differences(listed.Files, files) is { Count: > 0 } differences)
        {
            throw new InputException(DiagnosticCodes.ChangedFilesNotThePullRequests.Create(
                $"The changed-files list does not match pull request #{pullRequest} at the run's head: {string.Join("; ", differences)}. The list comes from the triggering run's artifact, which the pull request's own workflow writes, so nothing was checked against it.",
                new SourceLocation(listed.Description),
                "An honest artifact comes from 'git diff --name-status -M base...HEAD' of the same commit (samples/workflows/datacontracts-collect.yml). A mismatch means the artifact was changed: review the pull request's workflow files."));
        }

        return files;
    }

    private static async Task VerifyHeadAsync(IPullRequestGateway gateway, GitHubContext context, int pullRequest, CancellationToken cancellationToken)
    {
        var head = await gateway.GetPullRequestAsync(pullRequest, cancellationToken).ConfigureAwait(false);
        if (WorkflowRunGuard.Verify(context, head) is { } refusal)
        {
            throw new ServiceException(refusal);
        }
    }

    /// <summary>What one list has that the other has not, in words, at most <see cref="Shown"/> of each kind.</summary>
    internal static List<string> Differences(IEnumerable<ChangedFile> listed, IEnumerable<ChangedFile> actual)
    {
        var have = Expand(listed);
        var want = Expand(actual);
        var differences = new List<string>();
        Describe(want.Except(have).ToList(), "missing from the list", differences);
        Describe(have.Except(want).ToList(), "not changed so by the pull request", differences);
        return differences;
    }

    private static void Describe(List<(string Path, ChangeStatus Status)> entries, string what, List<string> differences)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var shown = entries.OrderBy(e => e.Path, StringComparer.Ordinal).Take(Shown).Select(e => $"{Letter(e.Status)} {e.Path}");
        differences.Add($"{what}: {string.Join(", ", shown)}{(entries.Count > Shown ? $" and {entries.Count - Shown} more" : string.Empty)}");
    }

    private static HashSet<(string Path, ChangeStatus Status)> Expand(IEnumerable<ChangedFile> files)
    {
        var set = new HashSet<(string, ChangeStatus)>();
        foreach (var file in files)
        {
            if (file.Status == ChangeStatus.Renamed)
            {
                set.Add((file.Path, ChangeStatus.Added));
                if (file.OldPath is { } old)
                {
                    set.Add((old, ChangeStatus.Deleted));
                }
            }
            else
            {
                set.Add((file.Path, file.Status));
            }
        }

        return set;
    }

    private static char Letter(ChangeStatus status) => status switch
    {
        ChangeStatus.Added => 'A',
        ChangeStatus.Deleted => 'D',
        ChangeStatus.Renamed => 'R',
        _ => 'M',
    };
}
