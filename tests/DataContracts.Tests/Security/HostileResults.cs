using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using DataContracts.Application;
using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.Tests.Security;

/// <summary>
/// Results whose every untrusted text is one hostile string: workflow commands after each line break a runner
/// honours, terminal escapes (a colour and an OSC-8 link), bidirectional controls, a NUL, a C1 control and the
/// Secoda key. One result for each layout the reports have (plain, classified, classified with more consumers
/// than the graph draws one by one, snapshot, error).
/// </summary>
internal static class HostileResults
{
    public const string Secret = HostileWorkspace.Secret;

    public const string Hostile =
        "evil\r::error title=INJECTED::x\n::warning::y\r\n##[group]z\u0085::notice::nel\u2028::error::ls\u2029::error::ps"
        + " \u001b[31mred\u001b[0m \u001b]8;;https://evil.example/\u0007link\u001b]8;;\u0007 \u202Eflipped\u2066iso\u2069\u200F\u061C"
        + " nul\u0000 c1\u009b2J key " + Secret + " end";

    /// <summary>Strings a result holds that are the tool's own (decisions are made on them) or the runner's checkout.</summary>
    public static readonly ImmutableHashSet<string> Trusted = ["CheckResult.WorkspaceRoot", "Diagnostic.Code"];

    public static string H(string field) => field + " " + Hostile;

    public static TheoryData<string> Layouts => ["plain", "classified", "classified-large", "snapshot", "error"];

    public static CheckResult For(string layout) => layout switch
    {
        "plain" => Plain(),
        "classified" => Classified(),
        "classified-large" => ClassifiedLarge(),
        "snapshot" => Plain() with { Command = CommandKind.Snapshot, Outcome = CheckOutcome.Pass, Stats = new CheckStats { SnapshotResources = 3, SnapshotEdges = 2, MappedTables = 1 } },
        _ => Plain() with { Outcome = CheckOutcome.Error, ServiceFailed = true },
    };

    public static CheckResult Plain() => new()
    {
        Outcome = CheckOutcome.Fail,
        WorkspaceRoot = "/repo",
        ContractFile = H("contract-file.yml"),
        CatalogSource = H("https://api.secoda.co/api/v1/"),
        Artifacts = new DbtArtifacts
        {
            Manifest = H("target/manifest.json"),
            ManifestOrigin = ArtifactOrigin.Option,
            State = H("github-artifact:deploy.yml/dbt-state"),
            StateOrigin = ArtifactOrigin.Option,
            StateDetail = H("run 1234 of deploy.yml"),
        },
        OwnersMap = ImmutableDictionary.Create<string, string>(StringComparer.OrdinalIgnoreCase).Add(H("owner@example.com"), H("@acme/team")),
        Changes = [Change()],
        Impacts = [Impact()],
        Diagnostics =
        [
            DiagnosticCodes.BlockingImpact.Create(H("message"), new SourceLocation(H("models/diag.sql"), 3, 2), H("hint")),
            DiagnosticCodes.TableNotInCatalog.Create(H("warning"), new SourceLocation("/abs/" + H("file.sql")), H("warning hint")),
            DiagnosticCodes.TableNotInCatalog.Create(H("info"), hint: H("info hint")) with { Severity = Severity.Info },
        ],
        Stats = new CheckStats { ChangedFiles = 2, MappedTables = 2, Unresolved = 1, ApiRequests = 7, ElapsedMs = 12 },
        Coverage = new Coverage { Checked = [H("checked")], Unchecked = [H("unchecked")], Unfinished = [H("unfinished")], Truncated = true },
    };

    /// <summary>Classified against a base: breaking, unknown and non-breaking changes, a model rebuilt here, consumers apart.</summary>
    public static CheckResult Classified()
    {
        var breaking = new ChangeClassification
        {
            Class = ChangeClass.Breaking,
            Evidence = Evidence.Catalog,
            ColumnChanges =
            [
                new ColumnChange(H("removed-column"), ColumnChangeType.Removed, H("removed-before"), H("removed-after")),
                new ColumnChange(H("retyped-column"), ColumnChangeType.Retyped, H("retyped-before"), H("retyped-after")),
            ],
            Reasons = [ChangeReason.Other(H("reason"))],
        };
        var additive = new ChangeClassification
        {
            Class = ChangeClass.NonBreaking,
            Kind = ChangeKind.Additive,
            Evidence = Evidence.Sql,
            ColumnChanges = [new ColumnChange(H("added-column"), ColumnChangeType.Added, H("added-before"), H("added-after"))],
            Reasons = [ChangeReason.Rows(H("rows reason"))],
        };
        var logic = additive with { Kind = ChangeKind.Logic, ColumnChanges = [] };
        var plain = Plain();
        return plain with
        {
            Changes =
            [
                Change() with { Classification = breaking },
                Change("unknown") with { Classification = ChangeClassification.Unknown(H("unknown reason"), Evidence.Catalog) },
                Change("additive") with { Classification = additive },
                Change("logic") with { Classification = logic, DownstreamOf = [H("downstream-of")] },
            ],
            Impacts = [Impact() with { Source = Impact().Source with { Classification = breaking } }],
        };
    }

    /// <summary>
    /// Classified, with 30 more consumers that print the same (one folded row with a count), a second source that
    /// only warns (the collapsed table) and more nodes than the graph draws one by one (the summary by type).
    /// </summary>
    public static CheckResult ClassifiedLarge()
    {
        var classified = Classified();
        var impact = classified.Impacts[0];
        var many = Enumerable.Range(1, 30).Select(i => Entry($"many-{i}", 1, via: [], acknowledged: false, ignored: false));
        return classified with
        {
            Impacts =
            [
                impact with { Downstream = [.. impact.Downstream, .. many] },
                impact with { Verdict = ImpactVerdict.Warn, Source = impact.Source with { Table = H("ANALYTICS.customers"), SecodaId = H("secoda-customers") } },
            ],
        };
    }

    private static ChangeEntry Change(string name = "orders") => new()
    {
        File = H($"models/{name}.sql"),
        Status = ChangeStatus.Renamed,
        OldFile = H($"models/{name}-old.sql"),
        Models = [H($"model.{name}")],
        Table = H($"ANALYTICS.{name}"),
        SecodaId = H($"secoda-{name}"),
        Contract = H($"contract-{name}"),
        Reason = H($"reason-{name}"),
        Classification = ChangeClassification.Unknown(H("classification reason")),
        DownstreamOf = [H("downstream-of")],
    };

    private static ImpactEntry Impact() => new()
    {
        Source = new ImpactSource
        {
            Table = H("ANALYTICS.orders"),
            SecodaId = H("secoda-source"),
            Contract = H("contract-source"),
            Models = [H("model.source")],
            Reason = H("source-reason"),
            File = H("models/source.sql"),
            Owners = [H("source-owner")],
            Classification = ChangeClassification.Unknown(H("source classification")),
        },
        Verdict = ImpactVerdict.Fail,
        Downstream =
        [
            Entry("d-1", 1, via: [], acknowledged: false, ignored: false) with { Breaks = true },
            Entry("d-2", 2, via: ["d-1"], acknowledged: true, ignored: false),
            Entry("d-3", 2, via: ["d-1"], acknowledged: false, ignored: true),
            Entry("d-4", 1, via: [], acknowledged: false, ignored: false) with { Breaks = false },
        ],
        Columns = new ColumnSummary { Broken = [new ColumnReaders(H("broken-column"), [H("d-1"), H("unknown-reader")])], Unknown = H("columns unknown") },
    };

    private static DownstreamEntry Entry(string id, int depth, string[] via, bool acknowledged, bool ignored) => new()
    {
        Id = H(id),
        Title = H("title " + id),
        Type = H("dashboard"),
        NativeType = H("workbook"),
        Url = "https://bi.example/" + H(id),
        Depth = depth,
        Via = [H("secoda-source"), .. via.Select(H)],
        Acknowledged = acknowledged,
        AcknowledgedReason = H("acknowledged reason"),
        Ignored = ignored,
        Owners = [H("owner"), H("owner@example.com")],
        FullName = H("full name " + id),
    };

    /// <summary>Every string a result holds, by declaring type and property ("DownstreamEntry.Title"), found by reflection.</summary>
    public static IEnumerable<(string Field, string? Value)> Strings(object? value)
    {
        if (value is null or string or Enum || (value is ValueType && value is not IEnumerable))
        {
            yield break;
        }

        switch (value)
        {
            case IDictionary dictionary:
                foreach (DictionaryEntry pair in dictionary)
                {
                    yield return ("dictionary key", pair.Key as string);
                    yield return ("dictionary value", pair.Value as string);
                }

                yield break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    foreach (var found in Strings(item))
                    {
                        yield return found;
                    }
                }

                yield break;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // Computed properties (DisplayName, ExitCode) only repeat stored ones; EqualityContract is the record's own.
            if (property.GetIndexParameters().Length > 0 || property.SetMethod is null || property.Name == "EqualityContract")
            {
                continue;
            }

            var field = property.DeclaringType!.Name + "." + property.Name;
            var item = property.GetValue(value);
            if (property.PropertyType == typeof(string))
            {
                yield return (field, (string?)item);
            }
            else
            {
                foreach (var found in Strings(item))
                {
                    yield return found;
                }
            }
        }
    }
}
