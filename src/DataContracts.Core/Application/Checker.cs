using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>
/// The one core call. The CLI, the MSBuild task and the GitHub Action map their inputs to a
/// <see cref="CheckRequest"/>, call this, and render the <see cref="CheckResult"/>; they hold no logic.
/// Bad input and unusable services come back as a result with <see cref="CheckOutcome.Error"/>, never as
/// an exception, so every shell reports them the same way.
/// </summary>
internal static class Checker
{
    public static Task<CheckResult> CheckAsync(CheckRequest request, CancellationToken cancellationToken) =>
        RunGuardedAsync(request, CommandKind.Check, cancellationToken, async (run, token) =>
        {
            request.Progress?.Report("finding changed files");
            var changes = await run.DetectChangesAsync(token).ConfigureAwait(false);
            request.Progress?.Report($"mapping {changes.Files.Length} changed file(s) to models");
            var mapping = await run.Collector.MapAsync(changes, token).ConfigureAwait(false);
            var diagnostics = changes.Diagnostics.AddRange(mapping.Diagnostics);
            if (changes.HeadContent is null)
            {
                return new Collected(changes.Files.Length, mapping.Models, diagnostics, ImmutableDictionary<string, string>.Empty, changes.BaseContent);
            }

            request.Progress?.Report("reading the changed files at the pull request's head");
            var (head, note) = await HeadArtifactCheck.VerifyAsync(run, changes, mapping.Models, token).ConfigureAwait(false);
            return new Collected(changes.Files.Length, mapping.Models, diagnostics.Add(note), ImmutableDictionary<string, string>.Empty, changes.BaseContent) { ForkHead = head };
        });

    /// <summary><c>impact</c>: downstream of explicit targets, no diff needed.</summary>
    public static Task<CheckResult> ImpactAsync(CheckRequest request, CancellationToken cancellationToken) =>
        RunGuardedAsync(request, CommandKind.Impact, cancellationToken, async (run, token) =>
        {
            var (models, ids) = await TargetResolver.ResolveAsync(run, request.Targets, token).ConfigureAwait(false);
            return new Collected(request.Targets.Length, models, run.Collector.State.Diagnostics, ids);
        });

    /// <summary>What a command hands the shared analysis: how many inputs it had, the models they map to, and Secoda ids given directly.</summary>
    private sealed record Collected(int Files, ImmutableArray<MappedModel> Models, ImmutableArray<Diagnostic> Diagnostics, ImmutableDictionary<string, string> SecodaIds, IBaseContentReader? BaseContent = null)
    {
        public ForkHead? ForkHead { get; init; }
    }

    private static Task<CheckResult> RunGuardedAsync(
        CheckRequest request,
        CommandKind command,
        CancellationToken cancellationToken,
        Func<CheckRun, CancellationToken, Task<Collected>> collect) =>
        CommandScope.RunAsync(request, command, async (scope, token) =>
        {
            request.Progress?.Report("reading the contract file and the dbt project");
            var run = await CheckRun.PrepareAsync(request, token, policyFromBase: true).ConfigureAwait(false) with { Command = command, UserCancellation = cancellationToken };
            scope.Workspace = run.WorkspaceRoot;
            if (run.Collector.State.Fetched is { } fetched)
            {
                scope.Owned.Add(fetched);
            }

            scope.SecretVariables.Add(run.Contracts.Secoda.TokenEnv);
            scope.SecretVariables.Add(run.Contracts.Dbt?.StateTokenEnv ?? "DBT_CLOUD_API_TOKEN");
            var collected = await collect(run, token).ConfigureAwait(false);
            var (files, models, mappingDiagnostics, ids, baseContent) = collected;
            run = run with { ForkHead = collected.ForkHead };
            var loadDiagnostics = ImmutableArray<Diagnostic>.Empty;
            ICatalog catalog;
            if (models.IsEmpty)
            {
                // Nothing to look up: stay offline and quiet, whatever the catalog configuration.
                catalog = new EmptyCatalog("none");
            }
            else
            {
                (catalog, loadDiagnostics) = await CatalogFactory.CreateAsync(request, run.Contracts, token).ConfigureAwait(false);
            }

            scope.Catalog = catalog;
            var (analysis, catalogDiagnostics) = await AnalyzeAsync(run, models, catalog, ids, baseContent, token).ConfigureAwait(false);
            var diagnostics = scope.Normalize(WarnOncePerAcknowledgement(run.Contracts.Diagnostics.AddRange(mappingDiagnostics).AddRange(loadDiagnostics)
                .AddRange(catalog.Diagnostics).AddRange(catalogDiagnostics).AddRange(analysis.Diagnostics))
                .Where(d => analysis.ApproximationMatters || d.Code != DiagnosticCodes.DbtApproximateMapping.Code));
            return new CheckResult
            {
                Outcome = run.Policy.Outcome(analysis.Impacts, diagnostics, analysis.Interrupted),
                ServiceFailed = analysis.Interrupted,
                Changes = analysis.Changes,
                Impacts = analysis.Impacts,
                Diagnostics = diagnostics,
                Coverage = analysis.Coverage,
                WorkspaceRoot = scope.Workspace,
                ContractFile = PathDisplay.ToWorkspaceRelative(run.Contracts.Path, scope.Workspace),
                CatalogSource = PathDisplay.ToWorkspaceRelative(catalog.Source, scope.Workspace),
                OwnersMap = run.Contracts.OwnersMap,
                TrustedOwners = run.TrustedOwners,
                Artifacts = run.Collector.Artifacts with { Manifest = run.Collector.Artifacts.Manifest is { } m ? PathDisplay.ToWorkspaceRelative(m, scope.Workspace) : null },
                Stats = scope.Stats with
                {
                    ChangedFiles = files,
                    MappedTables = analysis.MappedTables,
                    Unresolved = analysis.Unresolved,
                },
            };
        }, cancellationToken);

    /// <summary>Runs the analysis; when the catalog fails and the policy says warn, runs again on dbt lineage only and says so.</summary>
    private static async Task<(ImpactAnalysis.Outcome Outcome, ImmutableArray<Diagnostic> Diagnostics)> AnalyzeAsync(
        CheckRun run, ImmutableArray<MappedModel> models, ICatalog catalog, ImmutableDictionary<string, string> ids, IBaseContentReader? baseContent, CancellationToken cancellationToken)
    {
        try
        {
            return (await ImpactAnalysis.RunAsync(run, models, catalog, ids, cancellationToken, baseContent).ConfigureAwait(false), []);
        }
        catch (Exception e) when (run.Policy.CatalogErrorsWarn
            && (e is ServiceException || e is OperationCanceledException && run.DeadlinePassed(cancellationToken)))
        {
            var failure = e as ServiceException is { } service ? service.Diagnostic : CommandScope.Deadline(run.Command, run.Request.Timeout, keptPartial: true);

            // Past the deadline only the caller's own cancellation still counts; the fallback is offline.
            var fallback = await ImpactAnalysis.RunAsync(run, models, new EmptyCatalog(catalog.Source), ids, run.UserCancellation, baseContent).ConfigureAwait(false);
            var names = fallback.Coverage.Unchecked.Concat(fallback.Coverage.Checked).Distinct(StringComparer.Ordinal).ToArray();
            // Name each model by its file as well as its table: the file is what the author of the change knows.
            var described = models
                .Select(m => m.Table is { } t ? $"{PathDisplay.ToWorkspaceRelative(m.File, run.WorkspaceRoot)} ({t})" : PathDisplay.ToWorkspaceRelative(m.File, run.WorkspaceRoot))
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var warning = DiagnosticCodes.CatalogUnavailableWarn.Create(
                $"The catalog could not be used ({failure.Message}) and policy.on_catalog_error is 'warn', so these {described.Length} model(s) were NOT checked against it: {string.Join(", ", described)}.",
                new SourceLocation(run.ContractDisplayPath),
                failure.Hint);
            var coverage = fallback.Coverage with { Checked = [], Unchecked = [.. names] };
            // The fallback's own "not found in catalog" warnings would be noise next to the one that explains why.
            var kept = fallback.Diagnostics.Where(d => d.Code != DiagnosticCodes.TableNotInCatalog.Code).ToImmutableArray();
            return (fallback with { Coverage = coverage, Diagnostics = kept }, [failure with { Severity = Severity.Warning }, warning]);
        }
    }

    /// <summary>An expired acknowledgement that matched a consumer is said once, by DC1004, not again by the contract file's DC2030.</summary>
    private static IEnumerable<Diagnostic> WarnOncePerAcknowledgement(ImmutableArray<Diagnostic> diagnostics)
    {
        var matched = diagnostics.Where(d => d.Code == DiagnosticCodes.ExpiredAcknowledgementMatched.Code).Select(d => d.Location).ToHashSet();
        return diagnostics.Where(d => d.Code != DiagnosticCodes.ContractAcknowledgementExpired.Code || !matched.Contains(d.Location));
    }
}
