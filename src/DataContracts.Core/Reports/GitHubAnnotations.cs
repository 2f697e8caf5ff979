using System.Text;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>GitHub Actions workflow commands (<c>::error file=…,line=…,title=…::message</c>) for each diagnostic, escaped as GitHub requires.</summary>
internal static class GitHubAnnotations
{
    public static string Render(CheckResult result)
    {
        var text = new StringBuilder();
        foreach (var d in result.Diagnostics.Where(d => d.Severity != Severity.Info))
        {
            var command = d.Severity == Severity.Error ? "error" : "warning";
            var properties = new List<string>();
            if (d.Location is { } location && !Path.IsPathRooted(location.File))
            {
                properties.Add("file=" + Property(PrintableText.Value(location.File)));
                if (location.Line > 0)
                {
                    properties.Add("line=" + location.Line);
                    properties.Add("col=" + Math.Max(location.Column, 1));
                }
            }

            properties.Add("title=" + Property($"{d.Code} DataContracts"));
            var message = d.Hint is null ? d.Message : $"{d.Message}\nHint: {d.Hint}";
            // Line breaks are safe here (escaped as %0A below); escape sequences and other control characters are not.
            message = string.Join('\n', message.Split('\n').Select(PrintableText.Value));
            text.Append("::").Append(command).Append(' ').Append(string.Join(',', properties)).Append("::").AppendLine(Data(message));
        }

        return text.ToString();
    }

    private static string Data(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string value) =>
        Data(value).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
