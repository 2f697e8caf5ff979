using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Diagnostics;
using DataContracts.Impact;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>The analysis's middle stages: what to walk from under which action, and the walk itself.</summary>
internal static partial class ImpactAnalysis
{
    /// <summary>The sources to walk from, and which groups the catalog could and could not check.</summary>
    private sealed record WalkPlan(
        ImmutableArray<PlannedSource> Sources,
        ImmutableArray<string> Checked,
        ImmutableArray<string> Unchecked,
        int Unresolved,
        ImmutableArray<Diagnostic> Diagnostics);

    /// <summary>What the walk found, what it says about itself, and whether it stopped before it was done.</summary>
    private sealed record Walked(WalkResult Walk, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<string> Unfinished, bool Interrupted);

    private static WalkPlan Plan(CheckRun run, IReadOnlyList<Group> groups, IReadOnlyDictionary<string, ChangeClassification>? classes, ICatalog catalog)
    {
        var policy = run.Policy;
        var sources = ImmutableArray.CreateBuilder<PlannedSource>();
        var checkedModels = ImmutableArray.CreateBuilder<string>();
        var uncheckedModels = ImmutableArray.CreateBuilder<string>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var unresolved = 0;
        foreach (var group in groups)
        {
            var dbtId = group.Models.FirstOrDefault(m => m.Kind == MappingKind.DbtManifest && run.Collector.Graph.Nodes.ContainsKey(m.Id))?.Id;
            if (group.CatalogId is null)
            {
                uncheckedModels.Add(group.Label);
                if (group.Table is not null)
                {
                    unresolved++;
                    diagnostics.Add(NotFound(group, catalog, policy));
                }
            }
            else
            {
                checkedModels.Add(group.Label);
            }

            if (group.CatalogId is null && dbtId is null)
            {
                continue;
            }

            var model = group.Models[0];
            var classification = ClassOf(group.Models, classes);
            sources.Add(new PlannedSource
            {
                Start = new WalkStart(group.CatalogId, dbtId),
                Contract = group.Contract,
                Action = policy.ActionFor(classification, group.Contract),
                SparedAction = policy.SparedActionFor(group.Contract),
                Classification = classification,
                Source = new ImpactSource
                {
                    Table = group.Table?.ToString(),
                    SecodaId = group.CatalogId,
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

        return new WalkPlan(sources.ToImmutable(), checkedModels.ToImmutable(), uncheckedModels.ToImmutable(), unresolved, diagnostics.ToImmutable());
    }

    /// <summary>
    /// A table the catalog does not know: how loud is the policy's (<see cref="Policy.NotFoundSeverity"/>); tables
    /// new in this change (nothing can read them yet) are an info line.
    /// </summary>
    private static Diagnostic NotFound(Group group, ICatalog catalog, Policy policy)
    {
        var model = group.Models[0];
        var isNew = group.Models.All(m => m.Status == ChangeStatus.Added);
        if (isNew)
        {
            return DiagnosticCodes.TableNotInCatalog.Create(
                Severity.Info,
                $"{group.Table} is new in this change and not in the catalog yet; only dbt lineage is checked for it.",
                new SourceLocation(model.File, model.Line, 1));
        }

        var contracted = group.Contract is not null;
        var severity = policy.NotFoundSeverity(contracted);
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

    /// <summary>Walks downstream of every planned source; a deadline or an exhausted budget keeps what was found and says what is missing.</summary>
    private static async Task<Walked> WalkAsync(CheckRun run, ImmutableArray<PlannedSource> planned, ICatalog catalog, CancellationToken cancellationToken)
    {
        run.Request.Progress?.Report($"walking lineage downstream of {planned.Length} table(s) in {catalog.Source}");
        var walker = new ImpactWalker(catalog, run.Collector.Graph, run.Contracts.Secoda.IntegrationId) { Interruption = e => Interruption(run, e, cancellationToken) };
        var walk = await walker.WalkAsync([.. planned.Select(p => p.Start)], run.MaxDepth, cancellationToken).ConfigureAwait(false);
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        if (walk.NodesAtDepthLimit > 0)
        {
            diagnostics.Add(DiagnosticCodes.TraversalTruncated.Create(
                $"Lineage was followed {run.MaxDepth} hop(s) deep (max_depth); {walk.NodesAtDepthLimit} node(s) at that depth were not followed further, so more consumers may exist.",
                new SourceLocation(run.ContractDisplayPath),
                "Raise policy.max_depth in the contract file or pass --max-depth N."));
        }

        if (walk.Interruption is not { } stop)
        {
            return new Walked(walk, diagnostics.ToImmutable(), [], Interrupted: false);
        }

        var policy = run.Policy;
        ImmutableArray<string> unfinished = [.. planned.Where(p => walk.Unfinished.Contains(p.Start.Key)).Select(p => p.Source.Table ?? p.Source.Models.FirstOrDefault() ?? p.Source.File).Distinct(StringComparer.Ordinal)];
        diagnostics.Add(stop with
        {
            Severity = policy.CatalogProblem,
            Message = $"{stop.Message} The walk stopped before it was done: the report keeps what was found, and more consumers may exist downstream of {string.Join(", ", unfinished)}"
                + (policy.CatalogErrorsWarn ? " (policy.on_catalog_error is 'warn', so this does not fail the check)." : "."),
        });
        return new Walked(walk, diagnostics.ToImmutable(), unfinished, Interrupted: !policy.CatalogErrorsWarn);
    }

    /// <summary>The failures after which a partial answer is still worth reporting: the run's deadline and the catalog's request budget.</summary>
    private static Diagnostic? Interruption(CheckRun run, Exception e, CancellationToken cancellationToken) => e switch
    {
        ServiceException s when s.Diagnostic.Code == DiagnosticCodes.SecodaBudgetExhausted.Code => s.Diagnostic,
        OperationCanceledException when run.DeadlinePassed(cancellationToken) => CommandScope.Deadline(run.Command, run.Request.Timeout, keptPartial: true),
        _ => null,
    };
}
