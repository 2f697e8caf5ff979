using System.Collections.Immutable;
using DataContracts.Application;
using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// Asks the owners chosen by <see cref="ReviewerPlan"/> for a review, skipping anyone already asked or who has
/// already reviewed, and any team asked before (so a new push does not ask again). When GitHub refuses the request as a whole (a team without access to the
/// repository, a user who is no collaborator), each owner is asked alone so one bad entry does not stop the
/// rest. Every failure is a warning: the verdict and the exit code never depend on it.
/// </summary>
internal sealed class ReviewRequester(IPullRequestGateway gateway)
{
    /// <summary>Plans and requests in one call, with the plan's warnings first.</summary>
    public async Task<ImmutableArray<Diagnostic>> RequestAsync(int pullRequest, CheckResult result, string? repositoryOwner, string? author, CancellationToken cancellationToken)
    {
        var plan = ReviewerPlan.For(result, repositoryOwner, author);
        return ReviewerPlan.Diagnostics(plan, repositoryOwner).AddRange(await RequestAsync(pullRequest, plan, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Asks the planned reviewers (the plan's own warnings are the caller's to report).</summary>
    public async Task<ImmutableArray<Diagnostic>> RequestAsync(int pullRequest, ReviewerPlan.Plan plan, CancellationToken cancellationToken)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (plan.Reviewers.IsEmpty)
        {
            return diagnostics.ToImmutable();
        }

        try
        {
            // Pending requests and people who already reviewed (GitHub drops them from the pending list) are not asked again.
            // A team is asked once per pull request: when a member reviews for it, GitHub drops it from the
            // pending list without saying so in the review, and only the request events still name it.
            var reviewed = await OrNoneAsync(() => gateway.ListReviewersWhoReviewedAsync(pullRequest, cancellationToken), []).ConfigureAwait(false);
            var pending = plan.Reviewers
                .Except(await OrNoneAsync(() => gateway.GetRequestedReviewersAsync(pullRequest, cancellationToken), new ReviewerSet([], [])).ConfigureAwait(false))
                .Except(new ReviewerSet(reviewed, []));
            if (!pending.Teams.IsEmpty)
            {
                pending = pending.Except(new ReviewerSet([], await TeamsAskedBeforeAsync(pullRequest, cancellationToken).ConfigureAwait(false)));
            }

            if (pending.IsEmpty)
            {
                return diagnostics.ToImmutable();
            }

            try
            {
                await gateway.RequestReviewersAsync(pullRequest, pending, cancellationToken).ConfigureAwait(false);
                diagnostics.Add(Requested(pullRequest, pending));
                return diagnostics.ToImmutable();
            }
            catch (ServiceException) when (pending.Singles().Skip(1).Any())
            {
                foreach (var single in pending.Singles())
                {
                    try
                    {
                        await gateway.RequestReviewersAsync(pullRequest, single, cancellationToken).ConfigureAwait(false);
                        diagnostics.Add(Requested(pullRequest, single));
                    }
                    catch (ServiceException e)
                    {
                        diagnostics.Add(Failed(e, single));
                    }
                }
            }
        }
        catch (ServiceException e)
        {
            diagnostics.Add(Failed(e, plan.Reviewers));
        }

        return diagnostics.ToImmutable();
    }

    /// <summary>
    /// A list that cannot be read (past reviews, pending requests) only means someone may be asked again; that is
    /// no reason to ask nobody. GitHub ignores a request for someone already pending.
    /// </summary>
    private static async Task<T> OrNoneAsync<T>(Func<Task<T>> read, T none)
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (ServiceException)
        {
            return none;
        }
    }

    /// <summary>
    /// Unreadable events (a token without read access to issues) only mean a team may be asked again; that is
    /// no reason to ask nobody.
    /// </summary>
    private async Task<ImmutableArray<string>> TeamsAskedBeforeAsync(int pullRequest, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.ListTeamsEverRequestedAsync(pullRequest, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceException)
        {
            return [];
        }
    }

    private static Diagnostic Requested(int pullRequest, ReviewerSet reviewers) =>
        DiagnosticCodes.ReviewsRequested.Create($"Pull request #{pullRequest}: review requested from {reviewers}.");

    private static Diagnostic Failed(ServiceException e, ReviewerSet reviewers) =>
        DiagnosticCodes.ReviewRequestFailed.Create(
            $"No review could be requested from {reviewers} ({e.Diagnostic.Code}: {e.Diagnostic.Message}) The verdict and the exit code are unchanged.",
            hint: "A team needs access to the repository and a user must be a collaborator; the workflow needs 'permissions: pull-requests: write'.");
}
