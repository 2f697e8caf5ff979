using System.Text;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>
/// Canonical MSBuild/VS error format (<c>file(line,col): error DC1001: message</c>), one diagnostic a line,
/// which <c>Exec</c>, <c>ToolTask</c>, IDEs and GitHub's problem matchers all turn into located errors.
/// Paths are absolute because MSBuild resolves relative ones against the project, not the repository.
/// </summary>
internal static class MsBuildReport
{
    public static string Render(CheckResult result)
    {
        var text = new StringBuilder();
        foreach (var d in result.Diagnostics)
        {
            var message = PrintableText.Value(d.Hint is null ? d.Message : $"{d.Message} Hint: {d.Hint}");
            if (d.Severity == Severity.Info)
            {
                text.Append("datacontracts: ").Append(d.Code).Append(": ").AppendLine(message);
                continue;
            }

            var origin = d.Location is null ? "datacontracts" : Origin(d.Location, result.WorkspaceRoot);
            text.Append(origin).Append(": ").Append(d.Severity == Severity.Error ? "error " : "warning ")
                .Append(d.Code).Append(": ").AppendLine(message);
        }

        text.Append("datacontracts: ").Append(Wording.Verdict(result.Outcome)).Append(": ").AppendLine(Wording.Headline(result));
        return PrintableText.Lines(text.ToString());
    }

    private static string Origin(SourceLocation location, string workspaceRoot)
    {
        // Cleaned first: a name with a NUL in it would make GetFullPath throw.
        var name = PrintableText.Value(location.File);
        var file = Path.IsPathRooted(name) ? name : Path.GetFullPath(Path.Combine(workspaceRoot, name));
        return location.Line > 0 ? $"{file}({location.Line},{Math.Max(location.Column, 1)})" : file;
    }
}
