using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Catalog.Cache;
using DataContracts.Catalog.Snapshot;
using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Application;

/// <summary>
/// Chooses the catalog: an explicit snapshot wins; then the live API when a token is set; then the
/// contract file's snapshot (offline mode). Precedence for the URL: environment, then file, then the US default.
/// </summary>
internal static class CatalogFactory
{
    public const string DefaultUrl = "https://api.secoda.co/api/v1/";

    public static async Task<(ICatalog Catalog, ImmutableArray<Diagnostic> Diagnostics)> CreateAsync(CheckRequest request, ContractFile contracts, CancellationToken cancellationToken)
    {
        if (request.CatalogSnapshotPath is not null)
        {
            return await OpenSnapshotAsync(Path.GetFullPath(request.CatalogSnapshotPath, request.WorkingDirectory), cancellationToken).ConfigureAwait(false);
        }

        contracts = await TrustedSecodaSettings.ApplyAsync(request, contracts, cancellationToken).ConfigureAwait(false);
        var tokenVariable = contracts.Secoda.TokenEnv;
        if (Token(request, contracts) is { } token)
        {
            var live = Connect(request, contracts, token);
            if (request.CacheDirectory is null)
            {
                return (live, []);
            }

            var directory = Path.GetFullPath(request.CacheDirectory, request.WorkingDirectory);
            var ttl = Connector(request).CacheTtl(request.Environment, CachingCatalog.DefaultTtl);
            return (await CachingCatalog.OpenAsync(live, directory, token, ttl, request.Time, cancellationToken).ConfigureAwait(false), []);
        }

        if (contracts.Secoda.Snapshot is not null)
        {
            return await OpenSnapshotAsync(ContractPaths.Resolve(contracts.Secoda.Snapshot, contracts, request.Environment, contracts.Secoda.SnapshotLocation, "--catalog-snapshot", cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        throw new InputException(DiagnosticCodes.NoCatalogConfigured.Create(
            $"No Secoda API key and no catalog snapshot: set the environment variable {tokenVariable} to a Secoda API key, or point to a snapshot.",
            new SourceLocation(contracts.Path),
            $"Set {tokenVariable} (CI secret), or pass --catalog-snapshot FILE, or add 'secoda: snapshot: FILE' to the contract file; in MSBuild set DataContractsCatalogSnapshot."));
    }

    /// <summary>The API key: the variable the contract file names (<c>token_env</c>), else <c>SECODA_API_TOKEN</c>.</summary>
    internal static string? Token(CheckRequest request, ContractFile contracts) =>
        request.Environment.Get(contracts.Secoda.TokenEnv) ?? request.Environment.Get("SECODA_API_TOKEN");

    /// <summary>The live catalog: URL from the environment, else the file, else the default; the tuning variables apply.</summary>
    internal static ILiveCatalog Connect(CheckRequest request, ContractFile contracts, string token)
    {
        var url = request.Environment.Get("SECODA_API_URL") ?? contracts.Secoda.Url ?? DefaultUrl;
        return Connector(request).Connect(url, token, request.Environment, request.Time);
    }

    private static ICatalogConnector Connector(CheckRequest request) =>
        request.CatalogConnector ?? throw new InvalidOperationException("The shell did not supply a live catalog connector (CheckRequest.CatalogConnector).");

    private static async Task<(ICatalog, ImmutableArray<Diagnostic>)> OpenSnapshotAsync(string path, CancellationToken cancellationToken) =>
        await SnapshotCatalog.LoadAsync(path, cancellationToken).ConfigureAwait(false);
}
