using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Hosting;

namespace DataContracts.Application;

/// <summary>
/// The contract file as it is on the diff's base (<c>--base</c>, else <c>origin/$GITHUB_BASE_REF</c>, else
/// <c>origin/HEAD</c>), read through <c>git merge-base</c> and <c>git show</c>: in CI what the pull request cannot
/// have written. Null when git cannot show it (a file new on the branch, a shallow clone, no git); the head file
/// itself in a workflow that is not a pull request event and runs on the commit GitHub started it for.
/// </summary>
internal static class BaseContractFile
{
    // Up to four stages ask for it in one CI run (key masking, Secoda settings, state source, policy); each read
    // is three git processes and a parse, and the answer cannot change while one request runs.
    private static readonly ConditionalWeakTable<CheckRequest, ConcurrentDictionary<string, Lazy<Task<ContractFile?>>>> Reads = new();

    public static Task<ContractFile?> ReadAsync(CheckRequest request, ContractFile head, CancellationToken cancellationToken) =>
        Reads.GetOrCreateValue(request)
            .GetOrAdd(head.Path, _ => new Lazy<Task<ContractFile?>>(() => ReadOnceAsync(request, head, cancellationToken)))
            .Value;

    private static async Task<ContractFile?> ReadOnceAsync(CheckRequest request, ContractFile head, CancellationToken cancellationToken)
    {
        var baseRef = request.ResolveBaseRef();
        var headRef = request.HeadRef ?? "HEAD";
        if (baseRef.StartsWith('-') || headRef.StartsWith('-'))
        {
            return null;
        }

        try
        {
            var top = await GitRunner.RunAsync(head.Directory, ["rev-parse", "--show-toplevel"], cancellationToken).ConfigureAwait(false);
            if (top.ExitCode != 0)
            {
                return null;
            }

            var root = Path.GetFullPath(top.StdOut.Trim());
            var mergeBase = await GitRunner.RunAsync(root, ["merge-base", baseRef, headRef], cancellationToken).ConfigureAwait(false);
            if (mergeBase.ExitCode != 0)
            {
                return await IsWorkflowsOwnCheckoutAsync(request.Environment, root, cancellationToken).ConfigureAwait(false) ? head : null;
            }

            var relative = Path.GetRelativePath(root, head.Path).Replace('\\', '/');
            var text = await new GitBaseContentReader(root, mergeBase.StdOut.Trim()).ReadAsync(relative, cancellationToken).ConfigureAwait(false);
            return text is null ? null : ContractFileReader.Parse(text, head.Path, request.ResolveToday());
        }
        catch (InputException)
        {
            // No git, or a base file that does not parse: nothing on the base to trust.
            return null;
        }
    }

    /// <summary>
    /// A workflow that is not a pull request event (the fork-safe <c>workflow_run</c> half, a push) and runs on
    /// the commit GitHub started it for checks out the repository's own code, usually without history: its
    /// contract file is as trusted as the workflow itself.
    /// </summary>
    private static async Task<bool> IsWorkflowsOwnCheckoutAsync(IEnvironment environment, string root, CancellationToken cancellationToken)
    {
        if (environment.Get("GITHUB_ACTIONS") is null || environment.Get("GITHUB_SHA") is not { } sha
            || environment.Get("GITHUB_EVENT_NAME") is not { } eventName || eventName.StartsWith("pull_request", StringComparison.Ordinal))
        {
            return false;
        }

        var headCommit = await GitRunner.RunAsync(root, ["rev-parse", "HEAD"], cancellationToken).ConfigureAwait(false);
        return headCommit.ExitCode == 0 && string.Equals(headCommit.StdOut.Trim(), sha, StringComparison.OrdinalIgnoreCase);
    }
}
