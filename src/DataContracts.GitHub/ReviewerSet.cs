using System.Collections.Immutable;

namespace DataContracts.GitHub;

/// <summary>Users (logins) and teams (slugs) of a review request, as GitHub's <c>reviewers</c> and <c>team_reviewers</c>.</summary>
internal sealed record ReviewerSet(ImmutableArray<string> Users, ImmutableArray<string> Teams)
{
    public static readonly ReviewerSet Empty = new([], []);

    public bool IsEmpty => Users.IsEmpty && Teams.IsEmpty;

    /// <summary>What is in this set and not in <paramref name="other"/>; GitHub logins and slugs ignore case.</summary>
    public ReviewerSet Except(ReviewerSet other) => new(
        [.. Users.Except(other.Users, StringComparer.OrdinalIgnoreCase)],
        [.. Teams.Except(other.Teams, StringComparer.OrdinalIgnoreCase)]);

    /// <summary>Each user and team alone, to retry one by one when GitHub refuses the whole request.</summary>
    public IEnumerable<ReviewerSet> Singles() =>
        Users.Select(u => new ReviewerSet([u], [])).Concat(Teams.Select(t => new ReviewerSet([], [t])));

    public override string ToString() =>
        string.Join(", ", Users.Select(u => "@" + u).Concat(Teams.Select(t => "team " + t)));
}
