using System.Runtime.CompilerServices;
using DataContracts.Application;
using DataContracts.GitHub;
using DataContracts.Hosting;
using DataContracts.Reports;

namespace DataContracts.Tool.Cli;

/// <summary>What <c>check</c> asks of GitHub, as plain values, so the command can decide without loading the GitHub adapter.</summary>
internal sealed record GitHubRequest(bool Comment, bool RequestReviewers, bool MentionOwners, int? PullRequest);

/// <summary>
/// The check with its GitHub steps (Actions masking and files, the pull request's file list, comment, reviewers).
/// Kept apart from <see cref="CheckCommand"/> so that a run outside Actions that writes nothing to a pull request
/// never loads DataContracts.GitHub, Polly or System.Net.Http: start-up time is mostly assembly loading and JIT
/// (docs/performance.md, "Cold start").
/// </summary>
internal static class GitHubSteps
{
    /// <summary>
    /// True when GitHub could change anything in this run. Outside Actions and without <c>--comment</c> or
    /// <c>--request-reviewers</c> every GitHub step is a no-op (<see cref="GitHubContext.IsActions"/>,
    /// <see cref="GitHubPublishOptions.WritesToPullRequest"/>); a test keeps the two in agreement.
    /// </summary>
    public static bool AreNeeded(IEnvironment environment, GitHubRequest github) =>
        github.Comment || github.RequestReviewers || string.Equals(environment.Get("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Not inlined: the GitHub types are resolved only when this runs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Task<(CheckResult Result, OutputFormat Format)> CheckAsync(
        CliContext context, CheckRequest request, GitHubRequest github, string? reportPath, OutputFormat format, CancellationToken cancellationToken) =>
        CheckWithGitHubAsync(context, request, github, reportPath, format, cancellationToken);

    private static async Task<(CheckResult Result, OutputFormat Format)> CheckWithGitHubAsync(
        CliContext context, CheckRequest request, GitHubRequest github, string? reportPath, OutputFormat format, CancellationToken cancellationToken)
    {
        var gitHub = GitHubContext.FromEnvironment(context.Environment, github.PullRequest);
        if (gitHub.IsActions)
        {
            // Defence in depth: Actions masks secrets it injects, not tokens a workflow builds or reads from elsewhere.
            var secrets = await SecretRedactor.VariablesForAsync(request, cancellationToken).ConfigureAwait(false);
            await context.Error.WriteAsync(ActionsFiles.MaskCommands(context.Environment, secrets).AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        var started = request.Time.GetTimestamp();
        var result = await Checker.CheckAsync(GitHubReporter.Attach(request, gitHub), cancellationToken).ConfigureAwait(false);
        var publish = new GitHubPublishOptions
        {
            Comment = github.Comment,
            RequestReviewers = github.RequestReviewers,
            MentionOwners = github.MentionOwners,
            Timeout = PublishBudget(request.Timeout, request.Time.GetElapsedTime(started)),
        };
        result = await GitHubReporter.PublishAsync(result, gitHub, publish, reportPath, null, cancellationToken).ConfigureAwait(false);
        return (result, gitHub.FormatFor(format));
    }

    /// <summary>
    /// What <c>--timeout</c> leaves for the GitHub writes after the check, but at least a small share of it, so
    /// that a check which ran out of time can still post its error and write its <c>error</c> status.
    /// </summary>
    internal static TimeSpan? PublishBudget(TimeSpan? timeout, TimeSpan elapsed) =>
        timeout is { } total ? TimeSpan.FromTicks(Math.Max((total - elapsed).Ticks, Math.Min(total.Ticks / 10, TimeSpan.FromSeconds(15).Ticks))) : null;
}
