using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Impact;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>The analysis's use of change classes: which action applies, which models this change rebuilds.</summary>
internal static partial class ImpactAnalysis
{
    /// <summary>Classes per model id; null for <c>impact</c>, which explores targets rather than changes.</summary>
    private static async Task<IReadOnlyDictionary<string, ChangeClassification>?> ClassifyAsync(
        CheckRun run, IEnumerable<(ImmutableArray<MappedModel> Models, string? CatalogId)> groups, ICatalog catalog, IBaseContentReader? baseContent, CancellationToken cancellationToken)
    {
        if (run.Command != CommandKind.Check)
        {
            return null;
        }

        var list = groups.ToList();
        var productionIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (models, catalogId) in list.Where(g => g.CatalogId is not null))
        {
            foreach (var model in models)
            {
                productionIds.TryAdd(model.Id, catalogId!);
            }
        }

        run.Request.Progress?.Report("classifying the changes against production");
        return await ChangeClassifying.ClassifyAsync(run, [.. list.SelectMany(g => g.Models)], catalog, productionIds, baseContent ?? NoBaseContent.Instance, cancellationToken).ConfigureAwait(false);
    }

    private static ChangeClassification? ClassOf(ImmutableArray<MappedModel> models, IReadOnlyDictionary<string, ChangeClassification>? classes) =>
        classes is null ? null : ClassOf(models.Select(m => classes.GetValueOrDefault(m.Id)));

    private static ChangeClassification? ClassOf(IEnumerable<ChangeClassification?> parts)
    {
        var known = parts.OfType<ChangeClassification>().ToList();
        return known.Count == 0 ? null : ChangeClassification.Worst(known);
    }

    /// <summary>
    /// Every key a changed model is reached by in a walk (its dbt ids, its catalog id, its table), except models
    /// this change only deletes: they are not rebuilt here, so their consumers are exactly what the change breaks.
    /// </summary>
    private static HashSet<string> ChangedHereKeys(IEnumerable<(ImmutableArray<MappedModel> Models, TableName? Table, string? CatalogId)> groups) =>
        KeysOf(groups.Where(g => !g.Models.All(m => m.Status == ChangeStatus.Deleted)));

    /// <summary>Every key a model this change deletes is reached by: another change's walk lists it apart, never as a consumer.</summary>
    private static HashSet<string> DeletedHereKeys(IEnumerable<(ImmutableArray<MappedModel> Models, TableName? Table, string? CatalogId)> groups) =>
        KeysOf(groups.Where(g => g.Models.All(m => m.Status == ChangeStatus.Deleted)));

    private static HashSet<string> KeysOf(IEnumerable<(ImmutableArray<MappedModel> Models, TableName? Table, string? CatalogId)> groups)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (models, table, catalogId) in groups)
        {
            keys.UnionWith(models.Select(m => m.Id));
            if (catalogId is not null)
            {
                keys.Add(catalogId);
            }

            if (table is not null)
            {
                keys.Add(ImpactEvaluator.TableKey(table.ToString()));
            }
        }

        return keys;
    }

    /// <summary>Marks each change that another change's walk reaches: it is rebuilt by this same change.</summary>
    private static ImmutableArray<ChangeEntry> MarkDownstreamOf(ImmutableArray<ChangeEntry> changes, IReadOnlyList<PlannedSource> planned, WalkResult walk, DbtGraph graph)
    {
        var reachedBy = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var source in planned)
        {
            if (!walk.Downstream.TryGetValue(source.Start.Key, out var nodes))
            {
                continue;
            }

            var label = source.Source.Table ?? string.Join(", ", source.Source.Models);
            foreach (var node in nodes)
            {
                var table = node.CatalogId is not null && walk.Resources.TryGetValue(node.CatalogId, out var resource) ? resource.AsTable
                    : node.DbtId is not null ? graph.Nodes.GetValueOrDefault(node.DbtId)?.Table : null;
                foreach (var key in new[] { node.DbtId, node.CatalogId, table is null ? null : ImpactEvaluator.TableKey(table.ToString()) })
                {
                    if (key is null)
                    {
                        continue;
                    }

                    if (!reachedBy.TryGetValue(key, out var set))
                    {
                        set = new SortedSet<string>(StringComparer.Ordinal);
                        reachedBy[key] = set;
                    }

                    set.Add(label);
                }
            }
        }

        return [.. changes.Select(c =>
        {
            var keys = c.Models.Append(c.SecodaId).Append(c.Table is null ? null : ImpactEvaluator.TableKey(c.Table)).OfType<string>();
            var upstream = keys.SelectMany(k => reachedBy.GetValueOrDefault(k) ?? []).Where(l => l != c.Table).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
            return c.Status == ChangeStatus.Deleted || upstream.IsEmpty ? c : c with { DownstreamOf = upstream };
        })];
    }
}
