using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Application;

/// <summary>
/// Where production's artifacts are (dbt's <c>--state</c>: manifest.json, optional catalog.json) and this
/// change's catalog.json. Precedence: <c>--base-manifest</c> for the manifest, then <c>--state</c>, then
/// <c>dbt.state</c>; <c>--dbt-catalog</c>, then <c>dbt.catalog</c>. A state that points at nothing is a
/// warning, not a silent "no base": every change is then unknown, and the report says why.
/// </summary>
internal sealed record ProductionState
{
    /// <summary>Full path of the production (base) manifest, or null.</summary>
    public string? ManifestPath { get; init; }

    /// <summary>Full path of production's catalog.json when the state folder has one.</summary>
    public string? BaseCatalogPath { get; init; }

    /// <summary>Full path of this change's catalog.json, or null.</summary>
    public string? HeadCatalogPath { get; init; }

    /// <summary>Where the head catalog was named, for errors about it.</summary>
    public SourceLocation? HeadCatalogLocation { get; init; }

    /// <summary>A state folder or base manifest was asked for (it may still be missing).</summary>
    public bool IsConfigured { get; init; }

    public ImmutableArray<Diagnostic> Diagnostics { get; init; } = [];

    /// <summary>The state as the user named it (a folder or a source), for the report; null without one.</summary>
    public string? Display { get; init; }

    public ArtifactOrigin? Origin { get; init; }

    /// <summary>For a fetched state: the run or job it came from.</summary>
    public string? Detail { get; init; }

    public static Task<ProductionState> ResolveAsync(CheckRequest request, ContractFile contracts, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var named = request.StatePath ?? contracts.Dbt?.State;
        var origin = request.StatePath is not null ? ArtifactOrigin.Option : named is not null ? ArtifactOrigin.ContractFile : (ArtifactOrigin?)null;
        return Task.FromResult(Resolve(request, contracts) with { Display = named, Origin = origin });
    }

    private static ProductionState Resolve(CheckRequest request, ContractFile contracts)
    {
        var (folder, location) = Pick(request, request.StatePath, "--state", contracts, contracts.Dbt?.State, contracts.Dbt?.StateLocation ?? new SourceLocation(contracts.Path));

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        string? manifest = request.BaseManifestPath is null ? null : Path.GetFullPath(request.BaseManifestPath, request.WorkingDirectory);
        string? baseCatalog = null;
        if (folder is not null)
        {
            var stateManifest = Path.Combine(folder, "manifest.json");
            if (!Directory.Exists(folder) || !File.Exists(stateManifest))
            {
                diagnostics.Add(DiagnosticCodes.StateNotFound.Create(
                    Directory.Exists(folder)
                        ? $"The production state folder '{folder}' has no manifest.json, so changes cannot be compared with production: every change is classified unknown."
                        : $"The production state folder '{folder}' does not exist, so changes cannot be compared with production: every change is classified unknown.",
                    location,
                    "Download production's dbt artifacts (target/manifest.json and catalog.json of the last deploy) into that folder before the check, or fix dbt.state / --state."));
            }
            else
            {
                manifest ??= stateManifest;
            }

            var catalog = Path.Combine(folder, "catalog.json");
            baseCatalog = File.Exists(catalog) ? catalog : null;
        }

        var (headCatalog, headLocation) = Pick(request, request.DbtCatalogPath, "--dbt-catalog", contracts, contracts.Dbt?.Catalog, contracts.Dbt?.CatalogLocation);

        return new ProductionState
        {
            ManifestPath = manifest,
            BaseCatalogPath = baseCatalog,
            HeadCatalogPath = headCatalog,
            HeadCatalogLocation = headLocation,
            IsConfigured = folder is not null || manifest is not null,
            Diagnostics = diagnostics.ToImmutable(),
        };
    }

    /// <summary>The command-line path (relative to the working folder) over the contract file's (relative to the file), with where it was set.</summary>
    private static (string? Path, SourceLocation? Location) Pick(
        CheckRequest request, string? option, string optionName, ContractFile contracts, string? configured, SourceLocation? configuredLocation) =>
        option is not null ? (System.IO.Path.GetFullPath(option, request.WorkingDirectory), new SourceLocation(optionName))
        : configured is not null ? (ContractPaths.Resolve(configured, contracts, request.Environment, configuredLocation, optionName, CancellationToken.None), configuredLocation)
        : (null, null);
}
