using System.Collections.Immutable;
using DataContracts.Application;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.GitHub;

/// <summary>
/// Whom to ask for a review: the owners of the contracts whose impact blocks the merge. <c>@user</c> owners
/// become reviewers, <c>@org/team</c> owners team reviewers (by slug, only for the repository's own
/// organisation: GitHub cannot ask a team of another one), and email owners go through <c>owners_map</c>.
/// The pull request's author is never asked (GitHub refuses it). In CI only owners the base's contract file
/// names are asked (<see cref="CheckResult.TrustedOwners"/>): a pull request cannot choose whom it notifies.
/// At most <see cref="MaxUsers"/> users and <see cref="MaxTeams"/> teams are asked, in the contracts' order.
/// Entries that name nobody, and owners left out, are returned apart.
/// </summary>
internal static class ReviewerPlan
{
    /// <summary>Users asked per run at most; the rest are named in the comment (DC7064).</summary>
    public const int MaxUsers = 10;

    /// <summary>Teams asked per run at most.</summary>
    public const int MaxTeams = 5;

    public sealed record Plan(ReviewerSet Reviewers, ImmutableArray<string> Unusable, ImmutableArray<string> AddedByChange, ImmutableArray<string> OverCap)
    {
        public Plan(ReviewerSet reviewers, ImmutableArray<string> unusable)
            : this(reviewers, unusable, [], [])
        {
        }
    }

    public static Plan For(CheckResult result, string? repositoryOwner, string? author)
    {
        var users = new List<string>();
        var teams = new List<string>();
        var unusable = new List<string>();
        var added = new List<string>();
        var overCap = new List<string>();
        var owners = result.Impacts.Where(i => i.Verdict == ImpactVerdict.Fail).SelectMany(i => i.Source.Owners).Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var owner in owners)
        {
            var handle = OwnerHandle.Parse(owner)
                ?? (result.OwnersMap.TryGetValue(owner.Trim(), out var mapped) ? OwnerHandle.Parse(mapped) : null);
            if (handle is null || (handle.IsTeam && repositoryOwner is not null && !string.Equals(handle.Login, repositoryOwner, StringComparison.OrdinalIgnoreCase)))
            {
                unusable.Add(owner);
            }
            else if (result.TrustedOwners is { } trusted && !trusted.Contains(handle.ToString().ToLowerInvariant()))
            {
                added.Add(handle.ToString());
            }
            else if (handle.IsTeam)
            {
                Add(teams, handle.Team!, MaxTeams, handle, overCap);
            }
            else if (!string.Equals(handle.Login, author, StringComparison.OrdinalIgnoreCase))
            {
                Add(users, handle.Login, MaxUsers, handle, overCap);
            }
        }

        return new Plan(new ReviewerSet([.. users], [.. teams]), [.. unusable], [.. added.Distinct(StringComparer.OrdinalIgnoreCase)], [.. overCap]);
    }

    /// <summary>The warnings that say who was left out and why; shown in the comment, which is written before the requests.</summary>
    public static ImmutableArray<Diagnostic> Diagnostics(Plan plan, string? repositoryOwner)
    {
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (!plan.Unusable.IsEmpty)
        {
            diagnostics.Add(DiagnosticCodes.OwnerNotAHandle.Create(
                $"No review was requested from {List(plan.Unusable.Select(o => $"'{o}'"))}: not a GitHub @user or @{repositoryOwner ?? "org"}/team, and not mapped by owners_map.",
                hint: "Write owners as \"@login\" or \"@org/team-slug\" (a team of the repository's organisation), or map owner emails with owners_map."));
        }

        if (!plan.AddedByChange.IsEmpty)
        {
            diagnostics.Add(DiagnosticCodes.ReviewersNotRequested.Create(
                $"No review was requested from {List(plan.AddedByChange)}: not an owner in the contract file on the base branch, so added by this change, which cannot choose whom it notifies.",
                hint: "Owners added by a pull request are asked from the next pull request on, once the change is merged."));
        }

        if (!plan.OverCap.IsEmpty)
        {
            diagnostics.Add(DiagnosticCodes.ReviewersNotRequested.Create(
                $"No review was requested from {List(plan.OverCap)}: at most {MaxUsers} users and {MaxTeams} teams are asked per run.",
                hint: "Ask them by hand if they should review, or name fewer owners (a team) per contract."));
        }

        return diagnostics.ToImmutable();
    }

    private static void Add(List<string> chosen, string name, int cap, OwnerHandle handle, List<string> overCap)
    {
        if (chosen.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        if (chosen.Count < cap)
        {
            chosen.Add(name);
        }
        else if (!overCap.Contains(handle.ToString(), StringComparer.OrdinalIgnoreCase))
        {
            overCap.Add(handle.ToString());
        }
    }

    /// <summary>At most 20 names, then how many more: a thousand owners must not make a thousand-name message.</summary>
    private static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        return string.Join(", ", all.Take(20)) + (all.Count > 20 ? $" and {all.Count - 20} more" : string.Empty);
    }
}
