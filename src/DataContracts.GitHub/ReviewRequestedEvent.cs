namespace DataContracts.GitHub;

/// <summary>
/// The fields of an issue event that say a team was asked for a review (<c>GET /repos/{o}/{r}/issues/{n}/events</c>).
/// Public setters because Octokit's serializer fills them by name (<c>requested_team</c> → <c>RequestedTeam</c>).
/// </summary>
internal sealed class ReviewRequestedEvent
{
    public string? Event { get; set; }

    public RequestedTeamRef? RequestedTeam { get; set; }

    internal sealed class RequestedTeamRef
    {
        public string? Slug { get; set; }
    }
}
