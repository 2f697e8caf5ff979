using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>
/// From mapped models to the verdict: contract matching, catalog lookup, the downstream walk and the
/// policy. Shared by <c>check</c> (models from the diff) and <c>impact</c> (models from targets).
/// </summary>
internal static partial class ImpactAnalysis
{
    public sealed record Outcome(
        ImmutableArray<ChangeEntry> Changes,
        ImmutableArray<ImpactEntry> Impacts,
        ImmutableArray<Diagnostic> Diagnostics,
        Coverage Coverage,
        int MappedTables,
        int Unresolved)
    {
        /// <summary>The deadline or the request budget cut the walk short and the policy does not downgrade it: the run is an error, with what was found kept.</summary>
        public bool Interrupted { get; init; }

        /// <summary>False when every approximately mapped model is under a contract that names its table, so the approximation changed nothing.</summary>
        public bool ApproximationMatters { get; init; } = true;
    }

    /// <summary>One source of impact: a table (or a model without one), the contract that speaks for it and the changed models that build it.</summary>
    private sealed record Group(string Key, TableName? Table, string? SecodaId, Contract? Contract, ImmutableArray<MappedModel> Models)
    {
        /// <summary>The catalog's id for the table: given (<c>secoda_id:</c>, an id target) or found by lookup; null when the catalog does not know it.</summary>
        public string? CatalogId { get; init; }

        /// <summary>How coverage names it: the table, else the first model.</summary>
        public string Label => Table?.ToString() ?? Models[0].Name;
    }

    public static async Task<Outcome> RunAsync(
        CheckRun run, IReadOnlyList<MappedModel> models, ICatalog catalog, IReadOnlyDictionary<string, string> secodaIds, CancellationToken cancellationToken,
        IBaseContentReader? baseContent = null)
    {
        var groups = GroupBySource(run, models, secodaIds);
        groups = await ResolveInCatalogAsync(run, groups, catalog, cancellationToken).ConfigureAwait(false);
        var approximationMatters = ApproximationMatters(groups);
        groups = DropNamedApproximations(groups);

        var classes = await ClassifyAsync(run, groups.Select(g => (g.Models, g.CatalogId)), catalog, baseContent, cancellationToken).ConfigureAwait(false);
        var plan = Plan(run, groups, classes, catalog);
        var walked = await WalkAsync(run, plan.Sources, catalog, cancellationToken).ConfigureAwait(false);
        var (columnImpacts, columnDiagnostics) = await ColumnImpactsAsync(run, plan.Sources, walked.Walk, catalog, cancellationToken).ConfigureAwait(false);

        // Only a change rebuilds models; impact targets are explored, each one's consumers in full.
        var isCheck = run.Command == CommandKind.Check;
        var changedHere = isCheck ? ChangedHereKeys(groups.Select(g => (g.Models, g.Table, g.CatalogId))) : null;
        var deletedHere = isCheck ? DeletedHereKeys(groups.Select(g => (g.Models, g.Table, g.CatalogId))) : null;
        var (impacts, policyDiagnostics) = ImpactEvaluator.Evaluate(plan.Sources, walked.Walk, run.Collector.Graph, run.Policy, changedHere, columnImpacts, deletedHere);

        var changes = ListChanges(groups, classes);
        changes = isCheck ? MarkDownstreamOf(changes, plan.Sources, walked.Walk, run.Collector.Graph) : changes;

        return new Outcome(
            changes,
            impacts,
            [.. plan.Diagnostics, .. walked.Diagnostics, .. columnDiagnostics, .. policyDiagnostics],
            new Coverage { Checked = plan.Checked, Unchecked = plan.Unchecked, Truncated = walked.Walk.NodesAtDepthLimit > 0, Unfinished = walked.Unfinished },
            groups.Select(g => g.Table).OfType<TableName>().Distinct().Count(),
            plan.Unresolved)
        {
            Interrupted = walked.Interrupted,
            ApproximationMatters = approximationMatters,
        };
    }

    /// <summary>One entry per changed file and table, with the class of its models.</summary>
    private static ImmutableArray<ChangeEntry> ListChanges(IReadOnlyList<Group> groups, IReadOnlyDictionary<string, Classification.ChangeClassification>? classes) =>
    [
        .. groups.SelectMany(g => g.Models.Select(m => new ChangeEntry
        {
            File = m.File,
            Status = m.Status,
            OldFile = m.OldFile,
            Models = [m.Id],
            Table = g.Table?.ToString(),
            SecodaId = g.CatalogId,
            Contract = g.Contract?.Name,
            Reason = m.Reason,
            Classification = classes?.GetValueOrDefault(m.Id),
        })).GroupBy(c => (c.File, c.Table)).Select(g => g.First() with
        {
            Models = [.. g.SelectMany(c => c.Models).Distinct(StringComparer.Ordinal)],
            Classification = g.Count() == 1 ? g.First().Classification : ClassOf(g.Select(c => c.Classification)),
        })
            .OrderBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Table, StringComparer.Ordinal),
    ];
}
