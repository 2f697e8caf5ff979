using System.Text;

namespace DataContracts.GitHub;

/// <summary>
/// The hidden first line that makes a comment ours: one per contract file, so a repository with several
/// contract files keeps one comment for each. Only a comment that starts with it counts, so a person quoting
/// it in a reply is never edited.
/// </summary>
internal static class CommentMarker
{
    public static string For(string? contractFile)
    {
        var key = new StringBuilder();
        foreach (var c in (contractFile ?? "datacontracts.yml").Replace('\\', '/'))
        {
            // Only characters that cannot end or confuse an HTML comment stay readable; the rest is percent-encoded.
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '/')
            {
                key.Append(c);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    key.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
        }

        return $"<!-- datacontracts:sticky contract={key} -->";
    }

    public static bool IsMarked(string body, string marker) =>
        body.TrimStart().StartsWith(marker, StringComparison.Ordinal);
}
