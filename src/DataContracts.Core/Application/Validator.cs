using System.Collections.Immutable;
using DataContracts.Diagnostics;

namespace DataContracts.Application;

/// <summary>
/// <c>validate</c>: an offline lint of the contract file. Schema and syntax come from the reader; this adds
/// what needs the workspace: model globs that match no file, model names the dbt project does not know.
/// </summary>
internal static class Validator
{
    public static Task<CheckResult> ValidateAsync(CheckRequest request, CancellationToken cancellationToken) =>
        CommandScope.RunAsync(request, CommandKind.Validate, async (scope, token) =>
        {
            var run = await CheckRun.PrepareAsync(request, token).ConfigureAwait(false);
            scope.Workspace = run.WorkspaceRoot;
            var diagnostics = run.Contracts.Diagnostics.ToBuilder();
            diagnostics.AddRange(run.Collector.State.Diagnostics);
            foreach (var contract in run.Contracts.Contracts)
            {
                for (var i = 0; i < contract.Models.Length; i++)
                {
                    var entry = contract.Models[i];
                    var location = i < contract.ModelLocations.Length ? contract.ModelLocations[i] : contract.Location;
                    if (ContractMatcher.IsPathPattern(entry))
                    {
                        if (!ContractMatcher.Glob([entry]).Execute(new IO.LinkFreeDirectory(run.Contracts.Directory)).HasMatches)
                        {
                            diagnostics.Add(DiagnosticCodes.GlobMatchesNothing.Create(
                                $"Contract '{contract.Name}': '{entry}' matches no file under {run.Contracts.Directory}.", location,
                                "Paths are relative to the contract file; check the folder names and the glob."));
                        }
                    }
                    else if (run.Collector.Dbt is { } dbt && dbt.Resolve(entry).Count == 0)
                    {
                        diagnostics.Add(DiagnosticCodes.GlobMatchesNothing.Create(
                            $"Contract '{contract.Name}': no dbt model is named '{entry}'.", location,
                            "Use the model's name as in ref('…'), its unique id, or a path glob."));
                    }
                    else if (run.Collector.Dbt is null)
                    {
                        diagnostics.Add(DiagnosticCodes.GlobMatchesNothing.Create(
                            Severity.Warning,
                            $"Contract '{contract.Name}': '{entry}' looks like a dbt model name, but there is no dbt project to look it up in.", location,
                            "Add a dbt: section (project_dir, manifest) or write a path glob such as models/marts/orders.sql."));
                    }
                }
            }

            var all = scope.Normalize(diagnostics);
            var warned = all.Any(d => d.Severity == Severity.Warning);
            return new CheckResult
            {
                Outcome = warned ? (request.WarningsAsErrors ? CheckOutcome.Fail : CheckOutcome.Warn) : CheckOutcome.Pass,
                Changes = [],
                Impacts = [],
                Diagnostics = all,
                Stats = scope.Stats,
                Coverage = new Coverage(),
                WorkspaceRoot = scope.Workspace,
                ContractFile = PathDisplay.ToWorkspaceRelative(run.Contracts.Path, scope.Workspace),
            };
        }, cancellationToken);
}
