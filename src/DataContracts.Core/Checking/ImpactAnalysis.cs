using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Models;

namespace DataContracts.Checking;

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
        int Unresolved);

    private sealed record Group(string Key, TableName? Table, string? SecodaId, Contract? Contract, ImmutableArray<MappedModel> Models);

    public static async Task<Outcome> RunAsync(
        CheckRun run, IReadOnlyList<MappedModel> models, ICatalog catalog, IReadOnlyDictionary<string, string> secodaIds, CancellationToken cancellationToken,
        IBaseContentReader? baseContent = null)
    {
        var policy = run.Contracts.Policy;
        var matcher = new ContractMatcher(run.Contracts, run.WorkspaceRoot, run.Collector.Dbt);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();

        var groups = new List<Group>();
        foreach (var byKey in models.Select(m => (Model: m, Contract: matcher.Match(m)))
                     .Where(x => x.Contract is not null || policy.Uncontracted != UncontractedMode.Ignore)
                     .GroupBy(x => SourceKey(x.Model, x.Contract, secodaIds), StringComparer.OrdinalIgnoreCase))
        {
            var first = byKey.First();
            var table = first.Contract?.Table is { } forced ? TableName.Parse(forced) : first.Model.Table;
            var id = first.Contract?.SecodaId ?? secodaIds.GetValueOrDefault(first.Model.Id);
            groups.Add(new Group(byKey.Key, table, id, first.Contract, [.. byKey.Select(x => x.Model)]));
        }

        var integration = run.Contracts.Secoda.IntegrationId;
        var lookups = groups.Where(g => g.SecodaId is null && g.Table is not null).Select(g => g.Table!).Distinct().ToArray();
        run.Request.Progress?.Report($"looking up {lookups.Length} table(s) in {catalog.Source}");
        var found = lookups.Length == 0
            ? new Dictionary<TableName, CatalogResource>()
            : await catalog.FindTablesAsync(lookups, integration, cancellationToken).ConfigureAwait(false);

        var planned = new List<PlannedSource>();
        var checkedModels = new List<string>();
        var uncheckedModels = new List<string>();
        var unresolved = 0;
        string? CatalogIdOf(Group group) =>
            group.SecodaId ?? (group.Table is not null && found.TryGetValue(group.Table, out var r) ? r.Id : null);

        var classes = await ClassifyAsync(run, groups.Select(g => (g.Models, CatalogIdOf(g))), catalog, baseContent, cancellationToken).ConfigureAwait(false);

        foreach (var group in groups)
        {
            var catalogId = CatalogIdOf(group);
            var dbtId = group.Models.FirstOrDefault(m => m.Kind == MappingKind.DbtManifest && run.Collector.Graph.Nodes.ContainsKey(m.Id))?.Id;
            var label = group.Table?.ToString() ?? group.Models[0].Name;
            if (catalogId is null)
            {
                uncheckedModels.Add(label);
                if (group.Table is not null)
                {
                    unresolved++;
                    diagnostics.Add(NotFound(group, catalog));
                }
            }
            else
            {
                checkedModels.Add(label);
            }

            if (catalogId is null && dbtId is null)
            {
                continue;
            }

            var model = group.Models[0];
            var classification = ClassOf(group.Models, classes);
            planned.Add(new PlannedSource
            {
                Start = new WalkStart(catalogId, dbtId),
                Contract = group.Contract,
                Action = ActionFor(classification, group.Contract, policy),
                Classification = classification,
                Source = new ImpactSource
                {
                    Table = group.Table?.ToString(),
                    SecodaId = catalogId,
                    Contract = group.Contract?.Name,
                    Models = [.. group.Models.Select(m => m.Id).Distinct(StringComparer.Ordinal)],
                    File = model.File,
                    Line = model.Line,
                    Reason = model.Reason,
                    Owners = group.Contract?.Owners ?? [],
                    Classification = classification,
                },
            });
        }

        run.Request.Progress?.Report($"walking lineage downstream of {planned.Count} table(s) in {catalog.Source}");
        var walker = new ImpactWalker(catalog, run.Collector.Graph, integration);
        var walk = await walker.WalkAsync([.. planned.Select(p => p.Start)], run.MaxDepth, cancellationToken).ConfigureAwait(false);
        if (walk.NodesAtDepthLimit > 0)
        {
            diagnostics.Add(DiagnosticCodes.TraversalTruncated.Create(
                $"Lineage was followed {run.MaxDepth} hop(s) deep (max_depth); {walk.NodesAtDepthLimit} node(s) at that depth were not followed further, so more consumers may exist.",
                new SourceLocation(run.ContractDisplayPath),
                "Raise policy.max_depth in the contract file or pass --max-depth N."));
        }

        // Only a change rebuilds models; impact targets are explored, each one's consumers in full.
        var isCheck = run.Request.Targets.IsEmpty;
        var changedHere = isCheck ? ChangedHereKeys(groups.Select(g => (g.Models, g.Table, CatalogIdOf(g)))) : null;
        var (impacts, policyDiagnostics) = ImpactEvaluator.Evaluate(planned, walk, run.Collector.Graph, policy, run.Today, changedHere);
        diagnostics.AddRange(policyDiagnostics);

        var changes = groups.SelectMany(g => g.Models.Select(m => new ChangeEntry
        {
            File = m.File,
            Status = m.Status,
            Models = [m.Id],
            Table = g.Table?.ToString(),
            SecodaId = CatalogIdOf(g),
            Contract = g.Contract?.Name,
            Reason = m.Reason,
            Classification = classes?.GetValueOrDefault(m.Id),
        })).GroupBy(c => (c.File, c.Table)).Select(g => g.First() with
        {
            Models = [.. g.SelectMany(c => c.Models).Distinct(StringComparer.Ordinal)],
            Classification = g.Count() == 1 ? g.First().Classification : ClassOf(g.Select(c => c.Classification)),
        })
            .OrderBy(c => c.File, StringComparer.Ordinal).ThenBy(c => c.Table, StringComparer.Ordinal).ToImmutableArray();
        changes = isCheck ? MarkDownstreamOf(changes, planned, walk, run.Collector.Graph) : changes;

        return new Outcome(
            changes,
            impacts,
            diagnostics.ToImmutable(),
            new Coverage { Checked = [.. checkedModels], Unchecked = [.. uncheckedModels], Truncated = walk.NodesAtDepthLimit > 0 },
            groups.Select(g => g.Table).OfType<TableName>().Distinct().Count(),
            unresolved);
    }

    private static string SourceKey(MappedModel model, Contract? contract, IReadOnlyDictionary<string, string> secodaIds) =>
        contract?.SecodaId ?? secodaIds.GetValueOrDefault(model.Id)
        ?? (contract?.Table is { } t ? TableName.Parse(t).ToString() : model.Table?.ToString())
        ?? model.Id;

    private static Diagnostic NotFound(Group group, ICatalog catalog)
    {
        var model = group.Models[0];
        var isNew = group.Models.All(m => m.Status == Changes.ChangeStatus.Added);
        var message = isNew
            ? $"{group.Table} is new in this change and not in the catalog yet; only dbt lineage is checked for it."
            : $"{group.Table} ({model.Name}) was not found in the catalog ({catalog.Source}), so its downstream consumers there are unknown.";
        return DiagnosticCodes.TableNotInCatalog.Create(
            isNew ? Severity.Info : Severity.Warning,
            message,
            new SourceLocation(model.File, model.Line, 1),
            isNew ? null : "Check that the catalog has synced this table, set 'table:' or 'secoda_id:' on the contract, or check secoda.integration_id.");
    }
}
