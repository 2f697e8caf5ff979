using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using DataContracts.Application;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Text;

namespace DataContracts.Reports;

/// <summary>
/// JUnit XML for CI systems that show test reports (GitLab, Azure DevOps, Jenkins): one <c>testcase</c> per
/// changed model, its <c>classname</c> the contract (or <c>uncontracted</c>). Blocking impact is a
/// <c>failure</c> listing the consumers; acknowledged, switched-off and not-checked models are <c>skipped</c>
/// with the reason; a check that could not finish is one <c>error</c> test case, so it never reads as green.
/// </summary>
internal static class JUnitReport
{
    public const string Uncontracted = "uncontracted";

    /// <summary>The JUnit XML of <paramref name="result"/>, stamped with <paramref name="timestamp"/> (the shell's clock).</summary>
    public static string Render(CheckResult result, DateTimeOffset timestamp)
    {
        var cases = Cases(result);
        var seconds = (result.Stats.ElapsedMs / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        var suite = new XElement("testsuite",
            new XAttribute("name", "datacontracts " + result.Command.Name()),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
            new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
            new XAttribute("skipped", cases.Count(c => c.Element("skipped") is not null)),
            new XAttribute("time", seconds),
            new XAttribute("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture)),
            cases);
        if (Diagnostics(result) is { Length: > 0 } diagnostics)
        {
            suite.Add(new XElement("system-out", Clean(diagnostics)));
        }

        var root = new XElement("testsuites",
            new XAttribute("name", "DataContracts"),
            new XAttribute("tests", cases.Count),
            new XAttribute("failures", suite.Attribute("failures")!.Value),
            new XAttribute("errors", suite.Attribute("errors")!.Value),
            new XAttribute("skipped", suite.Attribute("skipped")!.Value),
            new XAttribute("time", seconds),
            suite);

        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriter(text, CultureInfo.InvariantCulture), new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            root.WriteTo(writer);
        }

        return PrintableText.Lines("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text.ToString().Replace("\r\n", "\n", StringComparison.Ordinal) + "\n");
    }

    private static List<XElement> Cases(CheckResult result)
    {
        var cases = new List<XElement>();
        if (result.Outcome == CheckOutcome.Error)
        {
            var errors = result.Diagnostics.Where(d => d.IsError).ToList();
            cases.Add(Case("datacontracts", result.Command.Name(), new XElement("error",
                new XAttribute("message", Clean(P(Wording.Headline(result)))),
                new XAttribute("type", errors.FirstOrDefault()?.Code ?? "error"),
                Clean(string.Join("\n", errors.Select(Line))))));
        }

        // Blocking warnings only when --warnings-as-errors turned them into the failure.
        var warningsFail = result.Outcome == CheckOutcome.Fail && !result.Impacts.Any(i => i.Verdict == ImpactVerdict.Fail);
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var impact in result.Impacts)
        {
            covered.Add(Key(impact.Source.Table, impact.Source.File));
            var consumers = impact.Downstream.Where(d => d.Counts).ToList();
            var name = Name(impact.Source.Models, impact.Source.Table, impact.Source.File);
            var classname = impact.Source.Contract ?? Uncontracted;
            var outcome = impact.Verdict switch
            {
                ImpactVerdict.Fail => Failure(consumers, "blocking"),
                ImpactVerdict.Warn when warningsFail => Failure(consumers, "warning treated as error"),
                ImpactVerdict.Warn => new XElement("system-out", Clean("Not blocking (on_impact: warn):\n" + string.Join("\n", consumers.Select(Consumer)))),
                ImpactVerdict.Acknowledged => Skipped($"every downstream consumer is acknowledged ({impact.Downstream.Count(d => d.Acknowledged)})"),
                _ => Skipped("on_impact: off"),
            };
            cases.Add(Case(name, classname, outcome));
        }

        foreach (var change in result.Changes.Where(c => !c.Models.IsEmpty || c.Table is not null))
        {
            if (!covered.Add(Key(change.Table, change.File)))
            {
                continue;
            }

            var label = change.Table ?? change.Models.FirstOrDefault();
            var notChecked = label is not null && result.Coverage.Unchecked.Contains(label, StringComparer.Ordinal);
            cases.Add(Case(
                Name(change.Models, change.Table, change.File),
                change.Contract ?? Uncontracted,
                notChecked ? Skipped("not checked against the catalog: its impact is unknown") : null));
        }

        return cases;
    }

    private static XElement Case(string name, string classname, XElement? outcome) =>
        new("testcase", new XAttribute("name", Clean(P(name))), new XAttribute("classname", Clean(P(classname))), new XAttribute("time", "0"), outcome);

    private static XElement Failure(List<DownstreamEntry> consumers, string why) =>
        new("failure",
            new XAttribute("message", $"{Wording.Plural(consumers.Count, "downstream consumer")} ({why})"),
            new XAttribute("type", "DownstreamImpact"),
            Clean(string.Join("\n", consumers.Select(Consumer))));

    private static XElement Skipped(string message) => new("skipped", new XAttribute("message", message));

    private static string Consumer(DownstreamEntry d) =>
        $"depth {d.Depth} · {P(d.Type)} · {P(d.DisplayName)}{(d.Owners.IsEmpty ? string.Empty : " · owners " + string.Join(", ", d.Owners.Select(P)))}{(d.Url is null ? string.Empty : " · " + P(d.Url))}";

    private static string Name(IEnumerable<string> models, string? table, string file)
    {
        var ids = string.Join(", ", models);
        return (ids.Length > 0 ? ids : table ?? file) + (table is not null && ids.Length > 0 ? $" ({table})" : string.Empty);
    }

    private static string Key(string? table, string file) => table ?? "file:" + file;

    private static string Diagnostics(CheckResult result) =>
        string.Join("\n", result.Diagnostics.Where(d => d.Severity != Severity.Info).Select(Line));

    private static string Line(Diagnostic d) =>
        $"{d.Severity.ToString().ToLowerInvariant()} {d.Code}{(d.Location is null ? string.Empty : " " + P(d.Location.File) + (d.Location.Line > 0 ? ":" + d.Location.Line.ToString(CultureInfo.InvariantCulture) : string.Empty))}: {P(d.Message)}";

    private static string P(string? value) => PrintableText.Value(value);

    /// <summary>Catalog text may hold characters XML 1.0 cannot carry at all; they are dropped rather than failing the report.</summary>
    private static string Clean(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // Ill-formed surrogates arrive as U+FFFD; astral characters are valid XML as pairs.
            if (!rune.IsBmp || XmlConvert.IsXmlChar((char)rune.Value))
            {
                clean.Append(rune.ToString());
            }
        }

        return clean.ToString();
    }
}
