using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Catalog.Snapshot;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Impact.Columns;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>What a snapshot captures.</summary>
internal enum SnapshotScope
{
    /// <summary>Every model the contract file's dbt and sql sections map, contracted or not: what a check can ask about (the default).</summary>
    Mapped,

    /// <summary>Only the models the contracts name (<c>--contracted-only</c>).</summary>
    Contracted,

    /// <summary>Every resource the key can list, with its lineage (<c>--all</c>).</summary>
    All,
}

/// <summary>
/// <c>snapshot</c>: resolves every model the contract file maps (or only those the contracts name), walks the
/// live catalog downstream of their tables (to max_depth) and saves everything it fetched, so offline runs and
/// CI caches give the same answers as live ones.
/// </summary>
internal static class SnapshotBuilder
{
    public static Task<CheckResult> WriteAsync(CheckRequest request, string outputPath, CancellationToken cancellationToken) =>
        WriteAsync(request, outputPath, SnapshotScope.Mapped, cancellationToken);

    public static Task<CheckResult> WriteAsync(CheckRequest request, string outputPath, bool all, CancellationToken cancellationToken) =>
        WriteAsync(request, outputPath, all ? SnapshotScope.All : SnapshotScope.Mapped, cancellationToken);

    /// <summary>
    /// Writes the snapshot. <see cref="SnapshotScope.All"/> takes every resource the key can list and the lineage
    /// of each (one hop, which together is the whole graph) instead of what the mapped models reach.
    /// </summary>
    public static Task<CheckResult> WriteAsync(CheckRequest request, string outputPath, SnapshotScope scopeOfSnapshot, CancellationToken cancellationToken) =>
        CommandScope.RunAsync(request, CommandKind.Snapshot, async (scope, token) =>
        {
            var run = await CheckRun.PrepareAsync(request, token).ConfigureAwait(false);
            scope.Workspace = run.WorkspaceRoot;
            if (run.Collector.State.Fetched is { } fetched)
            {
                scope.Owned.Add(fetched);
            }

            scope.SecretVariables.Add(run.Contracts.Secoda.TokenEnv);
            scope.SecretVariables.Add(run.Contracts.Dbt?.StateTokenEnv ?? "DBT_CLOUD_API_TOKEN");
            run = run with { Contracts = await TrustedSecodaSettings.ApplyAsync(request, run.Contracts, token).ConfigureAwait(false) };
            var key = CatalogFactory.Token(request, run.Contracts)
                ?? throw new InputException(DiagnosticCodes.NoCatalogConfigured.Create(
                    $"A snapshot is taken from the live catalog, but {run.Contracts.Secoda.TokenEnv} is not set.",
                    new SourceLocation(run.Contracts.Path),
                    $"Set {run.Contracts.Secoda.TokenEnv} to a Secoda API key (an admin's key sees all lineage)."));
            var catalog = CatalogFactory.Connect(request, run.Contracts, key);
            scope.Catalog = catalog;

            var tables = ImmutableArray<TableName>.Empty;
            var contracted = new HashSet<TableName>();
            IReadOnlyDictionary<TableName, CatalogResource> found = new Dictionary<TableName, CatalogResource>();
            var all = scopeOfSnapshot == SnapshotScope.All;
            if (all)
            {
                var everything = await catalog.ListAllAsync(token).ConfigureAwait(false);
                await catalog.GetDownstreamAsync([.. everything.Select(r => r.Id)], token).ConfigureAwait(false);
            }
            else
            {
                var models = await ContractModelsAsync(run, token).ConfigureAwait(false);
                contracted.UnionWith(models.Select(m => m.Table).OfType<TableName>());
                if (scopeOfSnapshot == SnapshotScope.Mapped)
                {
                    models = models.AddRange(await MappedModelsAsync(run, token).ConfigureAwait(false));
                }

                tables = [.. models.Select(m => m.Table).OfType<TableName>().Distinct()];
                found = await catalog.FindTablesAsync(tables, run.Contracts.Secoda.IntegrationId, token).ConfigureAwait(false);
                var starts = found.Values.Select(r => new WalkStart(r.Id, null))
                    .Concat(run.Contracts.Contracts.Select(c => c.SecodaId).OfType<string>().Select(id => new WalkStart(id, null)))
                    .ToArray();
                // The snapshot records the catalog only; dbt lineage is read from the manifest at check time.
                await new ImpactWalker(catalog, DbtGraph.Empty, run.Contracts.Secoda.IntegrationId)
                    .WalkAsync(starts, run.MaxDepth, token).ConfigureAwait(false);
                await ColumnLineageReader.CaptureAsync(catalog, [.. starts.Select(s => s.CatalogId!).Distinct(StringComparer.OrdinalIgnoreCase)], run.MaxDepth, token)
                    .ConfigureAwait(false);
            }

            var snapshot = catalog.ToSnapshot(request.Time.GetUtcNow());
            await SnapshotFile.WriteAsync(outputPath, snapshot, token).ConfigureAwait(false);

            var missing = tables.Where(t => !found.ContainsKey(t)).Select(t => t.ToString()).ToImmutableArray();
            // A contracted table the catalog lacks is worth a warning; an uncontracted one (a staging model, a seed
            // the catalog does not sync) is only noted, as a check only warns about impact on it.
            var diagnostics = tables.Where(t => !found.ContainsKey(t)).Select(t => DiagnosticCodes.TableNotInCatalog.Create(
                contracted.Contains(t) ? Severity.Warning : Severity.Info,
                $"{t} was not found in the catalog, so the snapshot has nothing downstream of it.",
                new SourceLocation(run.Contracts.Path))).Concat(catalog.Diagnostics).ToList();
            var capturedNothing = all ? snapshot.Resources.IsEmpty : found.Count == 0 && !run.Contracts.Contracts.Any(c => c.SecodaId is not null);
            if (capturedNothing)
            {
                diagnostics.Add(DiagnosticCodes.SnapshotCapturedNothing.Create(
                    all
                        ? "The snapshot holds no resources: the API key can list nothing in this workspace. Checks against it would find nothing downstream of anything."
                        : $"The snapshot holds no tables: none of the {tables.Length} table(s) {(scopeOfSnapshot == SnapshotScope.Contracted ? "the contracts name" : "the contract file maps")} was found in the catalog. Checks against it would find nothing downstream of anything.",
                    new SourceLocation(run.Contracts.Path),
                    "Check secoda.integration_id and the tables the contracts map to (set 'table:' or 'secoda_id:' where dbt's names differ from the catalog's), and that the API key can see them."));
            }

            return new CheckResult
            {
                // A snapshot with nothing in it would make every later offline check pass: the command fails.
                Outcome = capturedNothing ? CheckOutcome.Fail : diagnostics.Any(d => d.Severity >= Severity.Warning) ? CheckOutcome.Warn : CheckOutcome.Pass,
                Changes = [],
                Impacts = [],
                Diagnostics = scope.Normalize(diagnostics),
                Coverage = new Coverage { Checked = [.. found.Keys.Select(t => t.ToString())], Unchecked = missing },
                Stats = scope.Stats with
                {
                    MappedTables = tables.Length,
                    Unresolved = missing.Length,
                    SnapshotResources = snapshot.Resources.Length,
                    SnapshotEdges = snapshot.Lineage.Length,
                },
                WorkspaceRoot = scope.Workspace,
                ContractFile = PathDisplay.ToWorkspaceRelative(run.Contracts.Path, scope.Workspace),
                CatalogSource = PathDisplay.ToWorkspaceRelative(outputPath, scope.Workspace),
            };
        }, cancellationToken);

    /// <summary>
    /// Every model the contract file's dbt and sql sections map, contracted or not: with a manifest its relations,
    /// without one the project's model files mapped as a check maps them, and the files <c>sql.paths</c> matches.
    /// A check warns about impact on uncontracted models by default, so the snapshot must hold them too.
    /// </summary>
    internal static async Task<ImmutableArray<MappedModel>> MappedModelsAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var models = ImmutableArray.CreateBuilder<MappedModel>();
        var files = new List<ChangedFile>();
        if (run.Collector.Dbt is { } dbt)
        {
            if (dbt.HasManifest)
            {
                models.AddRange(dbt.AllRelations());
            }
            else
            {
                files.AddRange(dbt.ResourceFiles());
            }
        }

        if (run.Contracts.Sql is { } sql)
        {
            var matcher = new Microsoft.Extensions.FileSystemGlobbing.Matcher(StringComparison.OrdinalIgnoreCase);
            foreach (var pattern in sql.Paths.Select(p => p.Trim().Replace('\\', '/')).Where(p => p.Length > 0))
            {
                if (pattern.StartsWith('!'))
                {
                    matcher.AddExclude(pattern[1..].TrimStart('/'));
                }
                else
                {
                    matcher.AddInclude(pattern.StartsWith("./", StringComparison.Ordinal) ? pattern[2..] : pattern);
                }
            }

            files.AddRange(matcher.Execute(new IO.LinkFreeDirectory(run.Contracts.Directory)).Files.Select(f => new ChangedFile(
                Path.GetRelativePath(run.WorkspaceRoot, Path.Combine(run.Contracts.Directory, f.Path)).Replace('\\', '/'), ChangeStatus.Modified)));
        }

        if (files.Count > 0)
        {
            var mapping = await run.Collector.MapAsync(
                new ChangeSet { WorkspaceRoot = run.WorkspaceRoot, Files = [.. files.DistinctBy(f => f.Path)], Description = "mapped models" }, cancellationToken).ConfigureAwait(false);
            models.AddRange(mapping.Models);
        }

        return models.ToImmutable();
    }

    /// <summary>Every model a contract names: path globs matched on disk and mapped like changed files, plus dbt names.</summary>
    internal static async Task<ImmutableArray<MappedModel>> ContractModelsAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var files = new List<ChangedFile>();
        var models = ImmutableArray.CreateBuilder<MappedModel>();
        var root = new IO.LinkFreeDirectory(run.Contracts.Directory);
        foreach (var entry in run.Contracts.Contracts.SelectMany(c => c.Models))
        {
            if (ContractMatcher.IsPathPattern(entry))
            {
                files.AddRange(ContractMatcher.Glob([entry]).Execute(root).Files.Select(f => new ChangedFile(
                    Path.GetRelativePath(run.WorkspaceRoot, Path.Combine(run.Contracts.Directory, f.Path)).Replace('\\', '/'), ChangeStatus.Modified)));
            }
            else if (run.Collector.Dbt is { } dbt)
            {
                models.AddRange(dbt.Resolve(entry));
            }
        }

        if (files.Count > 0)
        {
            var mapping = await run.Collector.MapAsync(
                new ChangeSet { WorkspaceRoot = run.WorkspaceRoot, Files = [.. files.DistinctBy(f => f.Path)], Description = "contracts" }, cancellationToken).ConfigureAwait(false);
            models.AddRange(mapping.Models);
        }

        // A contract's own table: or secoda_id: replaces what its models map to, as in a check; counting both
        // would look up tables no check ever asks for.
        var matcher = new ContractMatcher(run.Contracts, run.WorkspaceRoot, run.Collector.Dbt);
        models.RemoveAll(m => m.Kind != MappingKind.Contract && matcher.Match(m) is { } c && (c.Table is not null || c.SecodaId is not null));

        foreach (var contract in run.Contracts.Contracts.Where(c => c.Table is not null))
        {
            models.Add(new MappedModel
            {
                File = run.Contracts.Path,
                Status = ChangeStatus.Modified,
                Id = "contract:" + contract.Name,
                Name = contract.Name,
                Table = TableName.Parse(contract.Table!),
                Kind = MappingKind.Sql,
                Reason = "table named by contract " + contract.Name,
            });
        }

        return models.ToImmutable();
    }
}
