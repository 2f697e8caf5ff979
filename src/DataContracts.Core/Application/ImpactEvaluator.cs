using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Classification;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Impact.Columns;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>One impact source before evaluation: what was walked from, under which contract and action.</summary>
internal sealed record PlannedSource
{
    public required WalkStart Start { get; init; }

    public required ImpactSource Source { get; init; }

    public Contract? Contract { get; init; }

    public required ImpactAction Action { get; init; }

    /// <summary>The action for consumers spared at column level (<c>breaks: false</c>): <c>on_non_breaking</c>'s.</summary>
    public ImpactAction SparedAction { get; init; } = ImpactAction.Warn;

    /// <summary>The change's class; null where nothing was classified.</summary>
    public ChangeClassification? Classification { get; init; }
}

/// <summary>
/// What the walk found, judged: each consumer described, marked when this same change rebuilds it, counted or
/// not and each source's verdict as <see cref="Policy"/> decides, and the messages that say so.
/// </summary>
internal static partial class ImpactEvaluator
{
    /// <param name="changedHere">Keys (dbt ids, catalog ids, lower-cased tables) of models this same change rebuilds: listed, never counted.</param>
    /// <param name="deletedHere">The same keys of the models this change deletes: listed apart, never counted.</param>
    public static (ImmutableArray<ImpactEntry> Impacts, ImmutableArray<Diagnostic> Diagnostics) Evaluate(
        IReadOnlyList<PlannedSource> sources, WalkResult walk, DbtGraph graph, Policy policy, IReadOnlySet<string>? changedHere = null,
        IReadOnlyDictionary<string, ColumnImpact>? columns = null, IReadOnlySet<string>? deletedHere = null)
    {
        var nonBreaking = new List<(PlannedSource Source, ImmutableArray<DownstreamEntry> Downstream)>();
        var impacts = ImmutableArray.CreateBuilder<ImpactEntry>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var expired = new Dictionary<Acknowledgement, SortedSet<string>>();
        foreach (var planned in sources)
        {
            if (!walk.Downstream.TryGetValue(planned.Start.Key, out var nodes) || nodes.IsEmpty)
            {
                continue;
            }

            var columnImpact = planned.Start.CatalogId is { } sourceId ? columns?.GetValueOrDefault(sourceId) : null;
            var (outside, resources) = ColumnImpactApplier.Outside(columnImpact, walk.Resources);
            // An ephemeral model builds no relation: what reads it is walked, it is no consumer itself.
            var downstream = nodes.AddRange(outside)
                .Where(n => n.CatalogId is not null || n.DbtId is null || graph.Nodes.GetValueOrDefault(n.DbtId) is not { Ephemeral: true })
                .Select(n => MarkChangedHere(Describe(n, resources, graph), n, changedHere, deletedHere))
                .Select(d => d.ChangedHere || d.DeletedHere ? d : policy.Judge(d, planned.Contract, expired))
                .ToImmutableArray();
            var counted = downstream.Where(d => !d.Ignored && !d.ChangedHere && !d.DeletedHere).ToArray();
            if (counted.Length == 0)
            {
                continue;
            }

            var entry = new ImpactEntry { Source = planned.Source, Verdict = ImpactVerdict.Off, Downstream = downstream };
            if (columnImpact is not null)
            {
                entry = ColumnImpactApplier.Apply(entry, columnImpact);
                downstream = entry.Downstream;
                counted = [.. downstream.Where(d => !d.Ignored && !d.ChangedHere && !d.DeletedHere)];
            }

            // Consumers spared at column level take on_non_breaking's action; only the others can block.
            var breaking = counted.Where(d => d.Breaks != false).ToArray();
            var (judged, action) = breaking.Length > 0 ? (breaking, planned.Action) : (counted, planned.SparedAction);
            var verdict = Policy.Verdict(judged, action);
            impacts.Add(entry with { Verdict = verdict });
            if (verdict == ImpactVerdict.Warn && planned.Classification?.Class == ChangeClass.NonBreaking)
            {
                // One warning for all of them: a purely additive pull request must not bury the page in warnings.
                nonBreaking.Add((planned, downstream));
                continue;
            }

            var diagnostic = VerdictDiagnostic(planned.Source, verdict, breaking.Length > 0 && breaking.Length < counted.Length ? [.. downstream.Where(d => d.Breaks != false)] : downstream);
            if (diagnostic is not null)
            {
                diagnostics.Add(diagnostic);
            }
        }

        // One warning per expired acknowledgement, however many consumers and changed models it would have matched.
        foreach (var (ack, titles) in expired)
        {
            diagnostics.Add(DiagnosticCodes.ExpiredAcknowledgementMatched.Create(
                $"The acknowledgement of '{ack.Resource}' expired on {ack.Expires:yyyy-MM-dd}, so {string.Join(", ", titles.Select(t => $"'{t}'"))} count{(titles.Count == 1 ? "s" : string.Empty)} again.",
                ack.ExpiresLocation ?? ack.Location,
                "Renew 'expires' if the consumer still needs time, or remove the acknowledgement."));
        }

        if (NonBreakingSummary(nonBreaking) is { } summary)
        {
            diagnostics.Add(summary);
        }

        return (impacts.ToImmutable(), diagnostics.ToImmutable());
    }

    private static DownstreamEntry Describe(WalkedNode node, ImmutableDictionary<string, CatalogResource> resources, DbtGraph graph)
    {
        if (node.CatalogId is not null && resources.TryGetValue(node.CatalogId, out var resource))
        {
            return new DownstreamEntry
            {
                Id = resource.Id,
                Title = resource.Title,
                Type = resource.EntityType,
                NativeType = resource.NativeType,
                Url = resource.Url,
                Depth = node.Depth,
                Via = node.Via,
                Owners = resource.Owners,
                Origin = node.DbtId is null ? LineageOrigin.Catalog : LineageOrigin.CatalogAndDbt,
                FullName = resource.AsTable?.ToString(),
            };
        }

        var dbt = node.DbtId is null ? null : graph.Nodes.GetValueOrDefault(node.DbtId);
        if (dbt is not null)
        {
            return new DownstreamEntry
            {
                Id = node.CatalogId ?? dbt.UniqueId,
                Title = dbt.Name,
                Type = dbt.ResourceType,
                NativeType = dbt.Subtype,
                Url = dbt.Url,
                Depth = node.Depth,
                Via = node.Via,
                Owners = dbt.Owners,
                Origin = LineageOrigin.Dbt,
                FullName = dbt.Table?.ToString(),
            };
        }

        // The catalog named a node in lineage but could not describe it; still a consumer.
        return new DownstreamEntry { Id = node.Key, Title = node.Key, Type = "unknown", Depth = node.Depth, Via = node.Via };
    }

    private static Diagnostic? VerdictDiagnostic(ImpactSource source, ImpactVerdict verdict, ImmutableArray<DownstreamEntry> downstream)
    {
        var counted = downstream.Where(d => d.Counts).ToArray();
        var what = source.Table ?? string.Join(", ", source.Models);
        var contract = source.Contract is null ? "an uncontracted model" : $"contract '{source.Contract}'";
        var list = string.Join(", ", counted.Take(5).Select(d => $"{d.Title} ({d.Type})"))
            + (counted.Length > 5 ? $" and {counted.Length - 5} more" : string.Empty);
        var location = new SourceLocation(source.File, source.Line, 1);
        var change = ClassText(source.Classification);
        return verdict switch
        {
            ImpactVerdict.Fail => DiagnosticCodes.BlockingImpact.Create(
                $"{what} ({contract}) has {counted.Length} downstream consumer(s): {list}.{change}", location,
                "Coordinate with the owners, or acknowledge the consumers in the contract file with a reason and an expiry date."),
            ImpactVerdict.Warn => DiagnosticCodes.WarningImpact.Create(
                $"{what} ({contract}) has {counted.Length} downstream consumer(s): {list}.{change}", location),
            ImpactVerdict.Acknowledged => DiagnosticCodes.AcknowledgedImpact.Create(
                $"{what} ({contract}): all {downstream.Count(d => d.Acknowledged)} downstream consumer(s) are acknowledged.", location),
            _ => null,
        };
    }
}
