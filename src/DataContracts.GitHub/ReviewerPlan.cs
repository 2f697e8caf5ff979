using System.Collections.Immutable;
using DataContracts.Application;
using DataContracts.Contracts;
using DataContracts.Impact;

namespace DataContracts.GitHub;

/// <summary>
/// Whom to ask for a review: the owners of the contracts whose impact blocks the merge. <c>@user</c> owners
/// become reviewers, <c>@org/team</c> owners team reviewers (by slug, only for the repository's own
/// organisation: GitHub cannot ask a team of another one), and email owners go through <c>owners_map</c>.
/// The pull request's author is never asked (GitHub refuses it). Entries that name nobody are returned apart.
/// </summary>
internal static class ReviewerPlan
{
    public sealed record Plan(ReviewerSet Reviewers, ImmutableArray<string> Unusable);

    public static Plan For(CheckResult result, string? repositoryOwner, string? author)
    {
        var users = new List<string>();
        var teams = new List<string>();
        var unusable = new List<string>();
        var owners = result.Impacts.Where(i => i.Verdict == ImpactVerdict.Fail).SelectMany(i => i.Source.Owners).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var owner in owners)
        {
            var handle = OwnerHandle.Parse(owner)
                ?? (result.OwnersMap.TryGetValue(owner.Trim(), out var mapped) ? OwnerHandle.Parse(mapped) : null);
            if (handle is null || (handle.IsTeam && repositoryOwner is not null && !string.Equals(handle.Login, repositoryOwner, StringComparison.OrdinalIgnoreCase)))
            {
                unusable.Add(owner);
            }
            else if (handle.IsTeam)
            {
                teams.Add(handle.Team!);
            }
            else if (!string.Equals(handle.Login, author, StringComparison.OrdinalIgnoreCase))
            {
                users.Add(handle.Login);
            }
        }

        return new Plan(
            new ReviewerSet([.. users.Distinct(StringComparer.OrdinalIgnoreCase)], [.. teams.Distinct(StringComparer.OrdinalIgnoreCase)]),
            [.. unusable]);
    }
}
