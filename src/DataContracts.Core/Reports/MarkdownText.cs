using System.Text;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>
/// Escapes text that comes from the catalog or the repository before it goes into Markdown: no HTML,
/// no links or emphasis it did not ask for, no table breaks, and no <c>@</c> mentions that would ping people;
/// on top of <see cref="PrintableText.Value"/>, so no line breaks, control or bidirectional-control characters.
/// </summary>
internal static class MarkdownText
{
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        text = PrintableText.Value(text);
        var result = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': result.Append("&amp;"); break;
                case '<': result.Append("&lt;"); break;
                case '>': result.Append("&gt;"); break;
                case '"': result.Append("&quot;"); break;
                case '|': result.Append("&#124;"); break;
                case '@': result.Append("@\u2060"); break; // a word joiner keeps the text but stops the mention
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '!' or '~' or '{' or '}' or '+' or '-' or '.':
                    result.Append('\\').Append(c);
                    break;
                default: result.Append(c); break;
            }
        }

        return result.ToString();
    }

    /// <summary>A link only for http(s) URLs; anything else (javascript:, data:) is shown as escaped text.</summary>
    public static string Link(string text, string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? $"[{Escape(text)}]({uri.AbsoluteUri.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})"
            : Escape(text);
}
