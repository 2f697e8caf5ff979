using DataContracts.Diagnostics;

namespace DataContracts.Changes;

/// <summary>
/// Finds what a branch changed: <c>git diff --name-status -M base...head</c> through the git CLI.
/// Without an explicit head, the working tree (including untracked files) is the head, so a developer
/// sees the effect of uncommitted edits; in CI the tree is clean and the result is the same.
/// </summary>
internal static class GitChangeDetector
{
    /// <summary>The base of the diff when none is given outside a pull request: the remote's default branch.</summary>
    public const string DefaultBase = "origin/HEAD";

    public static async Task<ChangeSet> DetectAsync(
        string startDirectory, string baseRef, string? headRef, CancellationToken cancellationToken)
    {
        var top = await GitRunner.RunAsync(startDirectory, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
        if (top.ExitCode != 0)
        {
            throw new InputException(DiagnosticCodes.NotAGitRepository.Create(
                $"'{startDirectory}' is not inside a git repository, so the changed files cannot be found.",
                new SourceLocation(startDirectory),
                "Run inside the repository, or pass the changed files with --changed-files FILE (one path a line)."));
        }

        var root = Path.GetFullPath(top.StdOut.Trim());
        var baseCommit = await ResolveAsync(root, baseRef, "base", cancellationToken).ConfigureAwait(false);
        var headCommit = headRef is null ? null : await ResolveAsync(root, headRef, "head", cancellationToken).ConfigureAwait(false);

        var mergeBase = await GitRunner.RunAsync(root, ["merge-base", baseCommit, headCommit ?? "HEAD"], cancellationToken).ConfigureAwait(false);
        if (mergeBase.ExitCode != 0)
        {
            if (await IsShallowAsync(root, cancellationToken).ConfigureAwait(false))
            {
                throw ShallowError(baseRef);
            }

            throw new InputException(DiagnosticCodes.GitFailed.Create(
                $"'{baseRef}' and '{headRef ?? "HEAD"}' have no common ancestor.",
                hint: "Check --base: it should be the branch the pull request merges into."));
        }

        var from = mergeBase.StdOut.Trim();
        List<string> diffArgs = ["-c", "core.quotepath=off", "diff", "--name-status", "-M", "-z", "--no-ext-diff", from];
        if (headCommit is not null)
        {
            diffArgs.Add(headCommit);
        }

        var diff = await GitRunner.RunAsync(root, diffArgs, cancellationToken).ConfigureAwait(false);
        if (diff.ExitCode != 0)
        {
            throw new InputException(DiagnosticCodes.GitFailed.Create($"git diff failed: {FirstLine(diff.StdErr)}"));
        }

        var files = ParseNameStatus(diff.StdOut).ToList();
        if (headCommit is null)
        {
            var untracked = await GitRunner.RunAsync(root, ["ls-files", "--others", "--exclude-standard", "-z"], cancellationToken).ConfigureAwait(false);
            if (untracked.ExitCode == 0)
            {
                files.AddRange(untracked.StdOut.Split('\0', StringSplitOptions.RemoveEmptyEntries)
                    .Select(p => new ChangedFile(p, ChangeStatus.Added)));
            }
        }

        return new ChangeSet
        {
            WorkspaceRoot = root,
            Files = [.. files.DistinctBy(f => f.Path).OrderBy(f => f.Path, StringComparer.Ordinal)],
            Description = $"{baseRef}...{headRef ?? "working tree"}",
            BaseContent = new GitBaseContentReader(root, from),
        };
    }

    /// <summary>Parses <c>git diff --name-status -z</c> output.</summary>
    internal static IEnumerable<ChangedFile> ParseNameStatus(string output)
    {
        var parts = output.Split('\0');
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            var status = parts[i];
            if (status.Length == 0)
            {
                continue;
            }

            switch (status[0])
            {
                case 'R':
                    if (i + 2 < parts.Length)
                    {
                        yield return new ChangedFile(parts[i + 2], ChangeStatus.Renamed, parts[i + 1]);
                        i += 2;
                    }

                    break;
                case 'C':
                    // A copy leaves the original in place: only the new file is a change.
                    if (i + 2 < parts.Length)
                    {
                        yield return new ChangedFile(parts[i + 2], ChangeStatus.Added);
                        i += 2;
                    }

                    break;
                case 'A':
                    yield return new ChangedFile(parts[++i], ChangeStatus.Added);
                    break;
                case 'D':
                    yield return new ChangedFile(parts[++i], ChangeStatus.Deleted);
                    break;
                default:
                    yield return new ChangedFile(parts[++i], ChangeStatus.Modified);
                    break;
            }
        }
    }

    private static async Task<string> ResolveAsync(string root, string reference, string role, CancellationToken cancellationToken)
    {
        var result = await GitRunner.RunAsync(root, ["rev-parse", "--verify", "--quiet", reference + "^{commit}"], cancellationToken).ConfigureAwait(false);
        if (result.ExitCode == 0)
        {
            return result.StdOut.Trim();
        }

        if (await IsShallowAsync(root, cancellationToken).ConfigureAwait(false))
        {
            throw ShallowError(reference);
        }

        var hint = reference == DefaultBase
            ? "Pass --base REF (for example --base origin/main), or run 'git remote set-head origin --auto'."
            : $"Fetch it first (git fetch origin {reference.Replace("origin/", string.Empty, StringComparison.Ordinal)}), or pass another --{role}.";
        throw new InputException(DiagnosticCodes.UnknownGitRef.Create(
            $"The {role} reference '{reference}' does not exist in this repository.", hint: hint));
    }

    private static async Task<bool> IsShallowAsync(string root, CancellationToken cancellationToken)
    {
        var result = await GitRunner.RunAsync(root, ["rev-parse", "--is-shallow-repository"], cancellationToken).ConfigureAwait(false);
        return result.ExitCode == 0 && result.StdOut.Trim() == "true";
    }

    private static InputException ShallowError(string reference) =>
        new(DiagnosticCodes.ShallowClone.Create(
            $"This is a shallow clone, so '{reference}' or the common ancestor with it is missing and the changed files cannot be computed.",
            hint: "Fetch the history: in GitHub Actions use actions/checkout with 'fetch-depth: 0'; elsewhere run 'git fetch --unshallow origin'. Or pass --changed-files."));

    private static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? string.Empty;
}
