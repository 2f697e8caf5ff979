using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>Sentences every human-facing report shares, so the terminal, Markdown and MSBuild say the same thing.</summary>
internal static class Wording
{
    public static string Headline(CheckResult result)
    {
        var blocking = result.Impacts.Count(i => i.Verdict == ImpactVerdict.Fail);
        var warned = result.Impacts.Count(i => i.Verdict == ImpactVerdict.Warn);
        var consumers = Consumers(result, ImpactVerdict.Fail);
        var warnedConsumers = Consumers(result, ImpactVerdict.Warn);
        var warnings = result.Diagnostics.Count(d => d.Severity == Diagnostics.Severity.Warning);
        if (result.Command == CommandKind.Validate && result.Outcome != CheckOutcome.Error)
        {
            return warnings == 0 ? "the contract file is valid" : $"the contract file is valid, with {Plural(warnings, "warning")}";
        }

        if (result.Command == CommandKind.Snapshot && result.Outcome != CheckOutcome.Error)
        {
            var s = result.Stats;
            var reach = s.MappedTables == 0 ? string.Empty : $" ({result.Coverage.Checked.Length} of {Plural(s.MappedTables, "mapped table")} found)";
            var written = $"{Plural(s.SnapshotResources, "resource")} and {Plural(s.SnapshotEdges, "lineage edge")}{reach} written to {PrintableText.Value(result.CatalogSource)}";
            return result.Outcome == CheckOutcome.Fail ? $"snapshot captured nothing useful: {written}" : $"snapshot of {written}";
        }

        if (result.Outcome != CheckOutcome.Error && ChangeSummary.Applies(result))
        {
            return ClassifiedHeadline(result);
        }

        var changed = result.Command == CommandKind.Impact ? "target" : "changed model";

        // "under contract" only when it is true of every blocking model: policy.uncontracted can block too.
        var contracted = result.Impacts.Where(i => i.Verdict == ImpactVerdict.Fail).All(i => i.Source.Contract is not null) ? " under contract" : string.Empty;
        return result.Outcome switch
        {
            CheckOutcome.Error when !result.Impacts.IsEmpty || !result.Coverage.Unfinished.IsEmpty =>
                $"could not complete the {result.Command.Name()}; below is what was found before it stopped",
            CheckOutcome.Error => $"could not complete the {result.Command.Name()}",
            CheckOutcome.Fail when blocking > 0 => $"{Plural(blocking, changed)}{contracted} {(blocking == 1 ? "has" : "have")} {Plural(consumers, "downstream consumer")}"
                + (warned > 0 ? $"; {warned} more {(warned == 1 ? "has" : "have")} {Plural(warnedConsumers, "consumer")} (not blocking)" : string.Empty),
            CheckOutcome.Fail => "warnings are treated as errors",
            CheckOutcome.Warn when warned > 0 => $"{Plural(warned, changed)} {(warned == 1 ? "has" : "have")} {Plural(warnedConsumers, "downstream consumer")} (not blocking)",
            CheckOutcome.Warn => "no blocking impact, with warnings",
            _ when result.Impacts.Any(i => i.Verdict == ImpactVerdict.Acknowledged) => "no blocking impact; every consumer is acknowledged",
            _ when result.Changes.IsEmpty => result.Command == CommandKind.Impact ? "nothing found for the targets" : "no changed models",
            _ => "no downstream impact",
        };
    }

    /// <summary>"1 breaking, 2 non-breaking changes; 5 distinct consumers; evidence: catalog".</summary>
    public static string ClassifiedHeadline(CheckResult result)
    {
        var summary = ChangeSummary.Build(result);
        var total = summary.Breaking.Length + summary.NonBreaking.Length + summary.Unknown.Length;
        var unknown = summary.Unknown.IsEmpty ? string.Empty : $", {summary.Unknown.Length} unknown";
        return $"{summary.Breaking.Length} breaking, {summary.NonBreaking.Length} non-breaking{unknown} {(total == 1 ? "change" : "changes")}; "
            + $"{Plural(result.ImpactedCount, "distinct consumer")}; evidence: {ChangeSummary.EvidenceLevel(result)}";
    }

    /// <summary>The verdict as an emoji, for Markdown headings.</summary>
    public static string Icon(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "✅",
        CheckOutcome.Warn => "⚠️",
        _ => "❌",
    };

    /// <summary>The consumers counted by the impacts of one verdict: a headline number belongs to the models it names.</summary>
    private static int Consumers(CheckResult result, ImpactVerdict verdict) =>
        result.Impacts.Where(i => i.Verdict == verdict).SelectMany(i => i.Downstream).Where(d => d.Counts).Select(d => d.Id).Distinct(StringComparer.Ordinal).Count();

    /// <summary>The verdict word; <c>impact</c> explores and never fails, so it says what a check would do.</summary>
    public static string Verdict(CheckResult result) => result.Command == CommandKind.Impact
        ? result.Outcome switch
        {
            CheckOutcome.Fail => "WOULD FAIL",
            CheckOutcome.Warn => "WOULD WARN",
            _ => Verdict(result.Outcome),
        }
        : Verdict(result.Outcome);

    /// <summary>A diagnostic that states an impact verdict (blocking or warning impact), not a failure of the run.</summary>
    public static bool IsVerdict(Diagnostic diagnostic) =>
        diagnostic.Code == DiagnosticCodes.BlockingImpact.Code || diagnostic.Code == DiagnosticCodes.WarningImpact.Code;

    public static string Verdict(CheckOutcome outcome) => outcome switch
    {
        CheckOutcome.Pass => "PASS",
        CheckOutcome.Warn => "WARN",
        CheckOutcome.Fail => "FAIL",
        _ => "ERROR",
    };

    /// <summary>Names a coverage line lists before "and N more": the JSON report's <c>coverage</c> has them all.</summary>
    private const int CoverageNames = 10;

    public static string CoverageLine(CheckResult result)
    {
        var c = result.Coverage;
        var total = c.Checked.Length + c.Unchecked.Length;
        var line = total == 0
            ? "no models to check against the catalog"
            : $"{c.Checked.Length} of {Plural(total, "model")} checked against the catalog";
        if (!c.Unchecked.IsEmpty)
        {
            line += $"; not checked: {NameList.Scoped(c.Unchecked, CoverageNames, PrintableText.Value)}";
        }

        if (c.Truncated)
        {
            line += "; lineage truncated at max_depth";
        }

        if (!c.Unfinished.IsEmpty)
        {
            line += $"; walk not finished for: {NameList.Scoped(c.Unfinished, CoverageNames, PrintableText.Value)}";
        }

        return line;
    }

    public static string StatsLine(CheckResult result) =>
        $"{Plural(result.Stats.ChangedFiles, result.Command == CommandKind.Impact ? "target" : "changed file")} · {Plural(result.Stats.MappedTables, "table")} · {Plural(result.Stats.ApiRequests, "API request")} · {result.Stats.ElapsedMs} ms";

    /// <summary>
    /// Which catalog answered: "catalog: Secoda at api.secoda.co" (the host only: a URL's path or user part says
    /// nothing a reader needs) or "catalog: snapshot secoda-snapshot.json"; null when no catalog was used.
    /// </summary>
    public static string? CatalogLine(CheckResult result) =>
        result.CatalogSource is not { Length: > 0 } source ? null
        : Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? $"catalog: Secoda at {uri.Host}"
        : $"catalog: snapshot {PrintableText.Value(source)}";

    /// <summary>"dbt: manifest target/manifest.json (found beside dbt_project.yml) · state prod/ (dbt.state)", or null when dbt artifacts played no part.</summary>
    public static string? ArtifactsLine(DbtArtifacts artifacts)
    {
        if (artifacts.IsEmpty)
        {
            return null;
        }

        var parts = new List<string>();
        if (artifacts.Manifest is { } manifest)
        {
            parts.Add($"manifest {PrintableText.Value(manifest)} ({From(artifacts.ManifestOrigin, "--manifest", "dbt.manifest")})");
        }

        if (artifacts.State is { } state)
        {
            parts.Add($"state {PrintableText.Value(state)} ({From(artifacts.StateOrigin, "--state", "dbt.state")}{(artifacts.StateDetail is { } detail ? ": " + PrintableText.Value(detail) : string.Empty)})");
        }

        return "dbt: " + string.Join(" · ", parts);
    }

    private static string From(ArtifactOrigin? origin, string option, string key) => origin switch
    {
        ArtifactOrigin.Option => option,
        ArtifactOrigin.ContractFile => key,
        ArtifactOrigin.FoundBesideProject => "found beside dbt_project.yml; no manifest was named",
        ArtifactOrigin.Fetched => "fetched",
        _ => "given",
    };

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static string SourceLabel(ImpactSource source) =>
        source.Table ?? (source.Models.IsEmpty ? source.File : string.Join(", ", source.Models));
}
