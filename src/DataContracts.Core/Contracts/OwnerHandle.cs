using System.Text.RegularExpressions;

namespace DataContracts.Contracts;

/// <summary>
/// A GitHub handle written as an owner: <c>@login</c> (a user) or <c>@org/team-slug</c> (a team). Logins are
/// letters, digits and single hyphens, at most 39 characters; team slugs letters, digits, <c>-</c> and <c>_</c>.
/// Anything else (an email, a name) is not a handle.
/// </summary>
internal sealed partial record OwnerHandle(string Login, string? Team)
{
    public bool IsTeam => Team is not null;

    /// <summary>As written: <c>@login</c> or <c>@org/slug</c>.</summary>
    public override string ToString() => Team is null ? "@" + Login : $"@{Login}/{Team}";

    public static OwnerHandle? Parse(string? text)
    {
        var match = Pattern().Match(text?.Trim() ?? string.Empty);
        if (!match.Success)
        {
            return null;
        }

        return new OwnerHandle(match.Groups["login"].Value, match.Groups["team"].Success ? match.Groups["team"].Value : null);
    }

    /// <summary>True for text that looks like an email address (the form Secoda gives owners in).</summary>
    public static bool IsEmail(string? text) => text is not null && Email().IsMatch(text.Trim());

    [GeneratedRegex("^@(?<login>[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})(?:/(?<team>[A-Za-z0-9][A-Za-z0-9_-]{0,99}))?$")]
    private static partial Regex Pattern();

    [GeneratedRegex(@"^[^@\s<>()\[\],;:""]+@[^@\s<>()\[\],;:""]+\.[^@\s<>()\[\],;:""]+$")]
    private static partial Regex Email();
}
