using System.Collections.Immutable;
using System.Diagnostics;
using DataContracts.Catalog.Secoda;
using DataContracts.Catalog.Snapshot;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Models;
using Microsoft.Extensions.FileSystemGlobbing.Abstractions;

namespace DataContracts.Checking;

/// <summary>
/// <c>snapshot</c>: resolves every model the contracts name, walks the live catalog downstream of their
/// tables (to max_depth) and saves everything it fetched, so offline runs and CI caches give the same answers.
/// </summary>
public static class SnapshotBuilder
{
    public static Task<CheckResult> WriteAsync(CheckRequest request, string outputPath, CancellationToken cancellationToken) =>
        WriteAsync(request, outputPath, all: false, cancellationToken);

    /// <summary>
    /// Writes the snapshot. With <paramref name="all"/>, every resource the key can list and the lineage of each
    /// (one hop, which together is the whole graph) instead of what the contracts reach.
    /// </summary>
    public static async Task<CheckResult> WriteAsync(CheckRequest request, string outputPath, bool all, CancellationToken callerToken)
    {
        var clock = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(callerToken);
        if (request.Timeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
        }

        var cancellationToken = deadline.Token;
        var workspace = ContractLocator.FindRepositoryRoot(request.WorkingDirectory) ?? request.WorkingDirectory;
        SecodaCatalog? catalog = null;
        try
        {
            var run = await CheckRun.PrepareAsync(request, cancellationToken).ConfigureAwait(false);
            workspace = run.WorkspaceRoot;
            var token = request.Environment.Get(run.Contracts.Secoda.TokenEnv) ?? request.Environment.Get("SECODA_API_TOKEN")
                ?? throw new InputException(DiagnosticCodes.NoCatalogConfigured.Create(
                    $"A snapshot is taken from the live catalog, but {run.Contracts.Secoda.TokenEnv} is not set.",
                    new SourceLocation(run.Contracts.Path),
                    $"Set {run.Contracts.Secoda.TokenEnv} to a Secoda API key (an admin's key sees all lineage)."));
            catalog = new SecodaCatalog(CatalogFactory.LiveOptions(request, run.Contracts, token), request.CatalogHandler);

            if (all)
            {
                var everything = await catalog.ListAllAsync(cancellationToken).ConfigureAwait(false);
                await catalog.GetDownstreamAsync([.. everything.Select(r => r.Id)], cancellationToken).ConfigureAwait(false);
                await SnapshotFile.WriteAsync(outputPath, catalog.ToSnapshot(DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
                return new CheckResult
                {
                    Outcome = catalog.Diagnostics.Any(d => d.Severity >= Severity.Warning) ? CheckOutcome.Warn : CheckOutcome.Pass,
                    Changes = [],
                    Impacts = [],
                    Diagnostics = [.. catalog.Diagnostics.Select(d => PathDisplay.Normalize(d, workspace))],
                    Coverage = new Coverage { Checked = [], Unchecked = [] },
                    Stats = new CheckStats { ApiRequests = catalog.RequestCount, ElapsedMs = clock.ElapsedMilliseconds },
                    WorkspaceRoot = workspace,
                    ContractFile = PathDisplay.ToWorkspaceRelative(run.Contracts.Path, workspace),
                    CatalogSource = outputPath,
                };
            }

            var models = await ContractModelsAsync(run, cancellationToken).ConfigureAwait(false);
            var tables = models.Select(m => m.Table).OfType<TableName>().Distinct().ToArray();
            var found = await catalog.FindTablesAsync(tables, run.Contracts.Secoda.IntegrationId, cancellationToken).ConfigureAwait(false);
            var starts = found.Values.Select(r => new WalkStart(r.Id, null))
                .Concat(run.Contracts.Contracts.Select(c => c.SecodaId).OfType<string>().Select(id => new WalkStart(id, null)))
                .ToArray();
            // The snapshot records the catalog only; dbt lineage is read from the manifest at check time.
            await new ImpactWalker(catalog, Models.Dbt.DbtGraph.Empty, run.Contracts.Secoda.IntegrationId)
                .WalkAsync(starts, run.MaxDepth, cancellationToken).ConfigureAwait(false);
            var snapshot = catalog.ToSnapshot(DateTimeOffset.UtcNow);
            await SnapshotFile.WriteAsync(outputPath, snapshot, cancellationToken).ConfigureAwait(false);

            var missing = tables.Where(t => !found.ContainsKey(t)).Select(t => t.ToString()).ToImmutableArray();
            var diagnostics = missing.Select(t => DiagnosticCodes.TableNotInCatalog.Create(
                $"{t} was not found in the catalog, so the snapshot has nothing downstream of it.",
                new SourceLocation(run.Contracts.Path))).ToImmutableArray();
            return new CheckResult
            {
                Command = "snapshot",
                Outcome = diagnostics.IsEmpty ? CheckOutcome.Pass : CheckOutcome.Warn,
                Changes = [],
                Impacts = [],
                Diagnostics = [.. diagnostics.AddRange(catalog.Diagnostics).Select(d => PathDisplay.Normalize(d, workspace))],
                Coverage = new Coverage { Checked = [.. found.Keys.Select(t => t.ToString())], Unchecked = missing },
                Stats = new CheckStats { MappedTables = tables.Length, Unresolved = missing.Length, ApiRequests = catalog.RequestCount, ElapsedMs = clock.ElapsedMilliseconds },
                WorkspaceRoot = workspace,
                ContractFile = PathDisplay.ToWorkspaceRelative(run.Contracts.Path, workspace),
                CatalogSource = PathDisplay.ToWorkspaceRelative(outputPath, workspace),
            };
        }
        catch (InputException e)
        {
            return CheckResult.ForError(e.Diagnostics.Select(d => PathDisplay.Normalize(d, workspace)), serviceFailed: false, new CheckStats(), workspace) with { Command = "snapshot" };
        }
        catch (ServiceException e)
        {
            return CheckResult.ForError([PathDisplay.Normalize(e.Diagnostic, workspace)], serviceFailed: true, new CheckStats { ApiRequests = catalog?.RequestCount ?? 0 }, workspace) with { Command = "snapshot" };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            return CheckResult.ForError(
                [DiagnosticCodes.DeadlineExceeded.Create(
                    $"The snapshot did not finish within {request.Timeout!.Value.TotalSeconds:0} seconds; no file was written.",
                    hint: "Check that the catalog is reachable and responsive, or raise --timeout.")],
                serviceFailed: true,
                new CheckStats { ApiRequests = catalog?.RequestCount ?? 0 },
                workspace);
        }
        finally
        {
            catalog?.Dispose();
        }
    }

    /// <summary>Every model a contract names: path globs matched on disk and mapped like changed files, plus dbt names.</summary>
    internal static async Task<ImmutableArray<MappedModel>> ContractModelsAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var files = new List<ChangedFile>();
        var models = ImmutableArray.CreateBuilder<MappedModel>();
        var root = new DirectoryInfoWrapper(new DirectoryInfo(run.Contracts.Directory));
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
