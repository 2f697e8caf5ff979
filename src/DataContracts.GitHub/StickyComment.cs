using System.Text;
using DataContracts.Application;
using DataContracts.Reports;
using DataContracts.Text;

namespace DataContracts.GitHub;

/// <summary>
/// The body of the sticky pull request comment: verdict first, then one table of changed model → impacted
/// resource, the acknowledged and ignored consumers apart, the coverage line, a small graph and collapsed
/// details. Every text from the catalog or the repository is escaped. The body never exceeds
/// <see cref="CommentOptions.MaxLength"/>: detail is dropped first (graph, diagnostics, acknowledged list,
/// then table rows), always with a pointer to the job summary.
/// </summary>
internal static class StickyComment
{
    /// <summary>The comment for a result with something to say (impact, warnings, or an error).</summary>
    public static string RenderReport(CheckResult result, CommentOptions options)
    {
        var full = new MarkdownLayout
        {
            Marker = CommentMarker.For(result.ContractFile),
            MaxGraphNodes = options.MaxGraphNodes,
            RunUrl = options.RunUrl,
            HeadSha = options.HeadSha,
            Mentions = options.Mentions,
        };

        // Cut detail in order of least use to a reviewer until the body fits.
        MarkdownLayout[] levels =
        [
            full,
            full with { ShowGraph = false, Cut = true },
            full with { ShowGraph = false, ShowDiagnostics = false, Cut = true },
            full with { ShowGraph = false, ShowDiagnostics = false, ShowApart = false, Cut = true },
        ];
        foreach (var layout in levels)
        {
            var body = MarkdownReport.Render(result, layout);
            if (body.Length <= options.MaxLength)
            {
                return body;
            }
        }

        // Still too long: keep as many table rows as fit, largest first found by halving.
        var fewest = levels[^1];
        int low = 0, high = MarkdownReport.RowCount(result);
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (MarkdownReport.Render(result, fewest with { RowLimit = mid }).Length <= options.MaxLength)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var final = MarkdownReport.Render(result, fewest with { RowLimit = low });
        return final.Length <= options.MaxLength ? final : final[..(options.MaxLength - 1)] + "…";
    }

    /// <summary>What the comment becomes when the impact it reported is gone: short, but still there.</summary>
    public static string RenderResolved(CheckResult result, CommentOptions options)
    {
        var md = new StringBuilder();
        md.AppendLine(CommentMarker.For(result.ContractFile));
        md.AppendLine("### ✅ DataContracts: resolved");
        md.AppendLine();
        md.Append("The downstream impact reported earlier is gone: ").Append(MarkdownText.Escape(Wording.Headline(result))).AppendLine(".");
        var acknowledged = result.Impacts.SelectMany(i => i.Downstream).Count(d => d.Acknowledged);
        if (acknowledged > 0)
        {
            md.Append(Wording.Plural(acknowledged, "acknowledged consumer")).AppendLine(" still read the changed models.");
        }

        md.AppendLine();
        md.Append("<sub>").Append(MarkdownReport.Footer(result, new MarkdownLayout { RunUrl = options.RunUrl, HeadSha = options.HeadSha })).AppendLine("</sub>");
        return PrintableText.Lines(md.ToString());
    }
}
