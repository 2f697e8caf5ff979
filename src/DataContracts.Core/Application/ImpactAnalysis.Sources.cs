using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Contracts;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>The analysis's first stages: models grouped into sources under their contracts, and each source found in the catalog.</summary>
internal static partial class ImpactAnalysis
{
    /// <summary>One group per table however it was named (a path, a dbt name, db.schema.table, an id), for the models the policy checks.</summary>
    private static List<Group> GroupBySource(CheckRun run, IReadOnlyList<MappedModel> models, IReadOnlyDictionary<string, string> secodaIds)
    {
        var policy = run.Policy;
        var matcher = new ContractMatcher(run.Contracts, run.WorkspaceRoot, run.Collector.Dbt);
        var groups = new List<Group>();
        foreach (var byKey in models.Select(m => (Model: m, Contract: matcher.Match(m)))
                     .Where(x => policy.Checks(x.Contract))
                     .GroupBy(x => SourceKey(x.Model, x.Contract, secodaIds), StringComparer.OrdinalIgnoreCase))
        {
            // One table named several ways (a path, a dbt name, db.schema.table): whichever names a contract speaks for all.
            var first = byKey.FirstOrDefault(x => x.Contract is not null, byKey.First());
            var table = first.Contract?.Table is { } forced ? TableName.Parse(forced) : first.Model.Table ?? byKey.Select(x => x.Model.Table).FirstOrDefault(t => t is not null);
            var id = first.Contract?.SecodaId ?? byKey.Select(x => secodaIds.GetValueOrDefault(x.Model.Id)).FirstOrDefault(i => i is not null);
            groups.Add(new Group(byKey.Key, table, id, first.Contract, [.. byKey.Select(x => x.Model)]));
        }

        return groups;
    }

    /// <summary>Looks the tables up, names the bare-id targets, and merges groups that turn out to be the same catalog resource.</summary>
    private static async Task<List<Group>> ResolveInCatalogAsync(CheckRun run, List<Group> groups, ICatalog catalog, CancellationToken cancellationToken)
    {
        var lookups = groups.Where(g => g.SecodaId is null && g.Table is not null).Select(g => g.Table!).Distinct().ToArray();
        run.Request.Progress?.Report($"looking up {lookups.Length} table(s) in {catalog.Source}");
        var found = lookups.Length == 0
            ? new Dictionary<TableName, CatalogResource>()
            : await catalog.FindTablesAsync(lookups, run.Contracts.Secoda.IntegrationId, cancellationToken).ConfigureAwait(false);

        groups = await NameCatalogTargetsAsync(run, groups, catalog, cancellationToken).ConfigureAwait(false);
        var resolved = groups.Select(g => g with
        {
            CatalogId = g.SecodaId ?? (g.Table is not null && found.TryGetValue(g.Table, out var r) ? r.Id : null),
        });

        // The same catalog resource reached twice (a Secoda id and its db.schema.table, or two spellings of one
        // table) is one source: listed once, walked once.
        return [.. resolved.GroupBy(g => g.CatalogId ?? g.Key, StringComparer.OrdinalIgnoreCase).Select(same => same.First() with
        {
            Table = same.Select(g => g.Table).FirstOrDefault(t => t is not null),
            Contract = same.Select(g => g.Contract).FirstOrDefault(c => c is not null),
            Models = [.. same.SelectMany(g => g.Models)],
        })];
    }

    /// <summary>
    /// <c>impact &lt;secoda id&gt;</c>: the id alone says nothing about the table or its contract, so ask the
    /// catalog what the resource is, and find the contract that names it (by <c>secoda_id:</c>, <c>table:</c>,
    /// or a model that maps to that table), as a check of that model would.
    /// </summary>
    private static async Task<List<Group>> NameCatalogTargetsAsync(CheckRun run, List<Group> groups, ICatalog catalog, CancellationToken cancellationToken)
    {
        var bare = groups.Where(g => g.SecodaId is not null && g.Table is null).Select(g => g.SecodaId!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (bare.Length == 0)
        {
            return groups;
        }

        var resources = await catalog.GetResourcesAsync(bare, cancellationToken).ConfigureAwait(false);
        ImmutableArray<MappedModel>? contractModels = null;
        var matcher = new ContractMatcher(run.Contracts, run.WorkspaceRoot, run.Collector.Dbt);
        var named = new List<Group>(groups.Count);
        foreach (var group in groups)
        {
            if (group.SecodaId is not { } id || group.Table is not null)
            {
                named.Add(group);
                continue;
            }

            var table = resources.TryGetValue(id, out var resource) ? resource.AsTable : null;
            var contract = group.Contract
                ?? run.Contracts.Contracts.FirstOrDefault(c => string.Equals(c.SecodaId, id, StringComparison.OrdinalIgnoreCase)
                    || table is not null && c.Table is not null && TableName.Parse(c.Table).Equals(table));
            if (contract is null && table is not null)
            {
                contractModels ??= await SnapshotBuilder.ContractModelsAsync(run, cancellationToken).ConfigureAwait(false);
                contract = contractModels.Value.Where(m => table.Equals(m.Table)).Select(matcher.Match).FirstOrDefault(c => c is not null);
            }

            named.Add(group with { Table = table, Contract = contract });
        }

        return named;
    }

    private static string SourceKey(MappedModel model, Contract? contract, IReadOnlyDictionary<string, string> secodaIds) =>
        contract?.SecodaId ?? secodaIds.GetValueOrDefault(model.Id)
        ?? (contract?.Table is { } t ? TableName.Parse(t).ToString() : model.Table?.ToString())
        ?? model.Id;

    /// <summary>True unless every approximately mapped model is under a contract that names its table.</summary>
    private static bool ApproximationMatters(IEnumerable<Group> groups) =>
        groups.Any(g => !NamesItsTable(g.Contract) && g.Models.Any(m => m.Kind == MappingKind.DbtApproximate));

    /// <summary>A contract's <c>table:</c> or <c>secoda_id:</c> replaces the approximate guess, so the guess is not worth a word.</summary>
    private static List<Group> DropNamedApproximations(IEnumerable<Group> groups) =>
    [
        .. groups.Select(g => NamesItsTable(g.Contract)
            ? g with { Models = [.. g.Models.Select(m => m.Kind == MappingKind.DbtApproximate ? m with { Reason = ApproximateNote().Replace(m.Reason, string.Empty) } : m)] }
            : g),
    ];

    private static bool NamesItsTable(Contract? contract) => contract is { Table: not null } or { SecodaId: not null };

    [System.Text.RegularExpressions.GeneratedRegex(@" \(approximate: [^)]*\)$")]
    private static partial System.Text.RegularExpressions.Regex ApproximateNote();
}
