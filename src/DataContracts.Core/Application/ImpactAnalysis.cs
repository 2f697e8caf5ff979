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
            // One table named several ways (a path, a dbt name, db.schema.table): whichever names a contract speaks for all.
            var first = byKey.FirstOrDefault(x => x.Contract is not null, byKey.First());
            var table = first.Contract?.Table is { } forced ? TableName.Parse(forced) : first.Model.Table ?? byKey.Select(x => x.Model.Table).FirstOrDefault(t => t is not null);
            var id = first.Contract?.SecodaId ?? byKey.Select(x => secodaIds.GetValueOrDefault(x.Model.Id)).FirstOrDefault(i => i is not null);
            groups.Add(new Group(byKey.Key, table, id, first.Contract, [.. byKey.Select(x => x.Model)]));
        }

        var integration = run.Contracts.Secoda.IntegrationId;
        var lookups = groups.Where(g => g.SecodaId is null && g.Table is not null).Select(g => g.Table!).Distinct().ToArray();
        run.Request.Progress?.Report($"looking up {lookups.Length} table(s) in {catalog.Source}");
        var found = lookups.Length == 0
            ? new Dictionary<TableName, CatalogResource>()
            : await catalog.FindTablesAsync(lookups, integration, cancellationToken).ConfigureAwait(false);

        string? FoundId(Group group) =>
            group.SecodaId ?? (group.Table is not null && found.TryGetValue(group.Table, out var r) ? r.Id : null);
        groups = await NameCatalogTargetsAsync(run, groups, catalog, cancellationToken).ConfigureAwait(false);

        // The same catalog resource reached twice (a Secoda id and its db.schema.table, or two spellings of one
        // table) is one source: listed once, walked once.
        groups = [.. groups.GroupBy(g => FoundId(g) ?? g.Key, StringComparer.OrdinalIgnoreCase).Select(same => same.First() with
        {
            Table = same.Select(g => g.Table).FirstOrDefault(t => t is not null),
            Contract = same.Select(g => g.Contract).FirstOrDefault(c => c is not null),
            Models = [.. same.SelectMany(g => g.Models)],
        })];

        // A contract's table: or secoda_id: replaces the approximate guess, so the guess is not worth a word.
        groups = [.. groups.Select(g => g.Contract is { Table: not null } or { SecodaId: not null }
            ? g with { Models = [.. g.Models.Select(m => m.Kind == MappingKind.DbtApproximate ? m with { Reason = ApproximateNote().Replace(m.Reason, string.Empty) } : m)] }
            : g)];
        var approximateMatters = groups.Any(g => g.Contract is not ({ Table: not null } or { SecodaId: not null }) && g.Models.Any(m => m.Kind == MappingKind.DbtApproximate));

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
                    diagnostics.Add(NotFound(group, catalog, policy));
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
                SparedAction = SparedActionFor(group.Contract, policy),
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
        var walker = new ImpactWalker(catalog, run.Collector.Graph, integration) { Interruption = e => Interruption(run, e, cancellationToken) };
        var walk = await walker.WalkAsync([.. planned.Select(p => p.Start)], run.MaxDepth, cancellationToken).ConfigureAwait(false);
        if (walk.NodesAtDepthLimit > 0)
        {
            diagnostics.Add(DiagnosticCodes.TraversalTruncated.Create(
                $"Lineage was followed {run.MaxDepth} hop(s) deep (max_depth); {walk.NodesAtDepthLimit} node(s) at that depth were not followed further, so more consumers may exist.",
                new SourceLocation(run.ContractDisplayPath),
                "Raise policy.max_depth in the contract file or pass --max-depth N."));
        }

        ImmutableArray<string> unfinished = [];
        var warnOnly = policy.OnCatalogError == CatalogErrorMode.Warn;
        if (walk.Interruption is { } stop)
        {
            unfinished = [.. planned.Where(p => walk.Unfinished.Contains(p.Start.Key)).Select(p => p.Source.Table ?? p.Source.Models.FirstOrDefault() ?? p.Source.File).Distinct(StringComparer.Ordinal)];
            diagnostics.Add(stop with
            {
                Severity = warnOnly ? Severity.Warning : Severity.Error,
                Message = $"{stop.Message} The walk stopped before it was done: the report keeps what was found, and more consumers may exist downstream of {string.Join(", ", unfinished)}"
                    + (warnOnly ? " (policy.on_catalog_error is 'warn', so this does not fail the check)." : "."),
            });
        }

        // Only a change rebuilds models; impact targets are explored, each one's consumers in full.
        var isCheck = run.Request.Targets.IsEmpty;
        var changedHere = isCheck ? ChangedHereKeys(groups.Select(g => (g.Models, g.Table, CatalogIdOf(g)))) : null;
        var (columnImpacts, columnDiagnostics) = await ColumnImpactsAsync(run, planned, walk, catalog, cancellationToken).ConfigureAwait(false);
        diagnostics.AddRange(columnDiagnostics);
        var (impacts, policyDiagnostics) = ImpactEvaluator.Evaluate(planned, walk, run.Collector.Graph, policy, run.Today, changedHere, columnImpacts);
        diagnostics.AddRange(policyDiagnostics);

        var changes = groups.SelectMany(g => g.Models.Select(m => new ChangeEntry
        {
            File = m.File,
            Status = m.Status,
            OldFile = m.OldFile,
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
            new Coverage { Checked = [.. checkedModels], Unchecked = [.. uncheckedModels], Truncated = walk.NodesAtDepthLimit > 0, Unfinished = unfinished },
            groups.Select(g => g.Table).OfType<TableName>().Distinct().Count(),
            unresolved)
        {
            Interrupted = walk.Interruption is not null && !warnOnly,
            ApproximationMatters = approximateMatters,
        };
    }

    /// <summary>The failures after which a partial answer is still worth reporting: the run's deadline and the catalog's request budget.</summary>
    private static Diagnostic? Interruption(CheckRun run, Exception e, CancellationToken cancellationToken) => e switch
    {
        ServiceException s when s.Diagnostic.Code == DiagnosticCodes.SecodaBudgetExhausted.Code => s.Diagnostic,
        OperationCanceledException when run.DeadlinePassed(cancellationToken) => CommandScope.Deadline(run.Command, run.Request.Timeout, keptPartial: true),
        _ => null,
    };

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

    /// <summary>
    /// A contracted table the catalog does not know cannot be verified, so by default that fails the check;
    /// <c>on_catalog_error: warn</c> makes it a warning. Uncontracted tables and tables new in this change
    /// (nothing can read them yet) stay a warning and an info line.
    /// </summary>
    private static Diagnostic NotFound(Group group, ICatalog catalog, PolicySettings policy)
    {
        var model = group.Models[0];
        var isNew = group.Models.All(m => m.Status == Changes.ChangeStatus.Added);
        if (isNew)
        {
            return DiagnosticCodes.TableNotInCatalog.Create(
                Severity.Info,
                $"{group.Table} is new in this change and not in the catalog yet; only dbt lineage is checked for it.",
                new SourceLocation(model.File, model.Line, 1));
        }

        var contracted = group.Contract is not null;
        var severity = contracted && policy.OnCatalogError != CatalogErrorMode.Warn ? Severity.Error : Severity.Warning;
        var subject = contracted ? $"{group.Table} ({model.Name}, contract '{group.Contract!.Name}')" : $"{group.Table} ({model.Name})";
        var consequence = contracted && severity == Severity.Error
            ? "so the contract cannot be verified and the check fails."
            : "so its downstream consumers there are unknown.";
        return DiagnosticCodes.TableNotInCatalog.Create(
            severity,
            $"{subject} was not found in the catalog ({catalog.Source}), {consequence}",
            new SourceLocation(model.File, model.Line, 1),
            "Set 'table:' or 'secoda_id:' on the contract to name the table as the catalog knows it, check secoda.integration_id, or check that the catalog has synced this table"
                + (contracted && severity == Severity.Error ? "; policy.on_catalog_error: warn makes this a warning." : "."));
    }

    [System.Text.RegularExpressions.GeneratedRegex(@" \(approximate: [^)]*\)$")]
    private static partial System.Text.RegularExpressions.Regex ApproximateNote();
}
