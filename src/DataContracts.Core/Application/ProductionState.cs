using System.Collections.Immutable;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.State;

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

    /// <summary>Set when a configured state could not be fetched and the policy said go on: every change is then unknown, for this reason.</summary>
    public string? UnavailableReason { get; init; }

    /// <summary>The fetched copy, when the state is a source; the command disposes it at the end of the run.</summary>
    public FetchedState? Fetched { get; init; }

    /// <summary>
    /// Resolves the state. A source (<c>github-artifact:</c>, <c>dbt-cloud:</c>) is fetched through the shell's
    /// <see cref="CheckRequest.StateFetcher"/>; without one (<c>validate</c>) it is only parsed. A failed fetch stops
    /// the run, unless <c>policy.on_catalog_error: warn</c>: then the run goes on without state, every change
    /// unknown, and a warning says so.
    /// </summary>
    public static async Task<ProductionState> ResolveAsync(CheckRequest request, ContractFile contracts, CancellationToken cancellationToken)
    {
        var named = request.StatePath ?? contracts.Dbt?.State;
        var origin = request.StatePath is not null ? ArtifactOrigin.Option : named is not null ? ArtifactOrigin.ContractFile : (ArtifactOrigin?)null;
        var location = request.StatePath is not null ? new SourceLocation("--state") : contracts.Dbt?.StateLocation ?? new SourceLocation(contracts.Path);
        var source = named is null ? null : StateSource.Parse(named, location);
        if (source is not { IsFetched: true })
        {
            return Resolve(request, contracts) with { Display = named, Origin = origin };
        }

        await TrustedStateSource.CheckAsync(request, contracts, source, cancellationToken).ConfigureAwait(false);
        if (request.StateFetcher is not { } fetcher)
        {
            return Resolve(request with { StatePath = null }, contracts with { Dbt = contracts.Dbt! with { State = null } }) with { Display = named, Origin = origin };
        }

        FetchedState fetched;
        try
        {
            fetched = await fetcher.FetchAsync(
                new StateFetchRequest
                {
                    Source = source,
                    Environment = request.Environment,
                    Time = request.Time,
                    DbtCloudTokenEnv = contracts.Dbt?.StateTokenEnv ?? new DbtSettings().StateTokenEnv,
                    CacheDirectory = request.CacheDirectory is { } cache ? Path.GetFullPath(cache, request.WorkingDirectory) : null,
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceException e) when (contracts.Policy.OnCatalogError == CatalogErrorMode.Warn)
        {
            var reason = $"production state {source.Text} could not be fetched";
            return new ProductionState
            {
                Display = named,
                Origin = origin,
                UnavailableReason = reason,
                Diagnostics =
                [
                    e.Diagnostic with { Severity = Severity.Warning },
                    DiagnosticCodes.StateUnavailableWarn.Create(
                        $"The {reason} and policy.on_catalog_error is 'warn', so the check goes on WITHOUT production state: every change is classified unknown (counted as breaking) and models are looked up under this change's relations.",
                        location,
                        e.Diagnostic.Hint),
                ],
            };
        }

        var resolved = Resolve(request with { StatePath = fetched.Folder, BaseManifestPath = request.BaseManifestPath }, contracts);
        return resolved with { Display = named, Origin = origin, Detail = fetched.Detail, Fetched = fetched };
    }

    private static ProductionState Resolve(CheckRequest request, ContractFile contracts)
    {
        var (folder, location) = Pick(request, request.StatePath, "--state", contracts, contracts.Dbt?.State, contracts.Dbt?.StateLocation ?? new SourceLocation(contracts.Path));

        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        string? manifest = request.BaseManifestPath is null ? null : Path.GetFullPath(request.BaseManifestPath, request.WorkingDirectory);
        string? baseCatalog = null;
        string? unavailable = null;
        if (folder is not null)
        {
            var stateManifest = Path.Combine(folder, "manifest.json");
            if (!Directory.Exists(folder) || !File.Exists(stateManifest))
            {
                // Configured but missing is not "no state": a git-base comparison would claim what production was not asked.
                unavailable = "the production state (dbt.state, --state) was not found";
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
            UnavailableReason = manifest is null ? unavailable : null,
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
