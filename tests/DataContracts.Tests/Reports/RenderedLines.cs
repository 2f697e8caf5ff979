using System.Text.RegularExpressions;

namespace DataContracts.Tests.Reports;

/// <summary>
/// How many lines a reader sees of a Markdown comment as GitHub shows it at first: every <c>&lt;details&gt;</c>
/// block closed (its summary is one line), blank lines, hidden comments and table separator rows not counted, and
/// a paragraph or list line longer than <see cref="Width"/> characters counted once per started width (it wraps).
/// Table rows count one each.
/// </summary>
internal static partial class RenderedLines
{
    private const int Width = 120;

    public static int Count(string markdown)
    {
        var count = 0;
        var depth = 0;
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("<details>", StringComparison.Ordinal))
            {
                count += depth == 0 ? 1 : 0;
                depth++;
                continue;
            }

            if (line.StartsWith("</details>", StringComparison.Ordinal))
            {
                depth--;
                continue;
            }

            if (depth > 0 || line.Length == 0 || line.StartsWith("<!--", StringComparison.Ordinal) || Separator().IsMatch(line))
            {
                continue;
            }

            count += line.StartsWith('|') ? 1 : ((line.Length - 1) / Width) + 1;
        }

        return count;
    }

    [GeneratedRegex(@"^\|(\s*:?-+:?\s*\|)+$")]
    private static partial Regex Separator();
}
