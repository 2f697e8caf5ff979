using DataContracts.Catalog;
using DataContracts.Hosting;

namespace DataContracts.Secoda;

/// <summary>The Secoda client as the core's live catalog; the CLI hands it to the core in the request.</summary>
internal sealed class SecodaConnector(HttpMessageHandler? primaryHandler = null) : ICatalogConnector
{
    public static readonly SecodaConnector Network = new();

    public ILiveCatalog Connect(string url, string token, IEnvironment environment, TimeProvider time) =>
        new SecodaCatalog(SecodaTuning.Apply(new SecodaOptions { BaseUrl = url, Token = token, Time = time }, environment), primaryHandler);

    public TimeSpan CacheTtl(IEnvironment environment, TimeSpan fallback) => SecodaTuning.CacheTtl(environment, fallback);
}
