using DataContracts.Hosting;

namespace DataContracts.Catalog;

/// <summary>A catalog reached over the network: it can also list everything and record what it fetched for a snapshot.</summary>
internal interface ILiveCatalog : ICatalog, IDisposable
{
    Task<IReadOnlyList<CatalogResource>> ListAllAsync(CancellationToken cancellationToken);

    CatalogSnapshot ToSnapshot(DateTimeOffset createdAt);
}

/// <summary>
/// Opens the live catalog. The core knows no HTTP client: the composition root (the CLI) supplies the
/// implementation, so the domain stays free of the adapter and its packages.
/// </summary>
internal interface ICatalogConnector
{
    /// <summary>
    /// The live catalog at <paramref name="url"/> with <paramref name="token"/>; tuning variables come from
    /// <paramref name="environment"/>, and its retry waits and "now" from <paramref name="time"/>.
    /// </summary>
    ILiveCatalog Connect(string url, string token, IEnvironment environment, TimeProvider time);

    /// <summary>How long cached catalog answers stay fresh, from the environment, else <paramref name="fallback"/>.</summary>
    TimeSpan CacheTtl(IEnvironment environment, TimeSpan fallback);
}
