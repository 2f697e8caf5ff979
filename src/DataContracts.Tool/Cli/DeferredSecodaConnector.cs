using System.Runtime.CompilerServices;
using DataContracts.Catalog;
using DataContracts.Hosting;
using DataContracts.Secoda;

namespace DataContracts.Tool.Cli;

/// <summary>
/// The Secoda client, loaded on first use: a run answered from a snapshot never loads DataContracts.Secoda,
/// Polly or System.Net.Http (start-up is mostly assembly loading and JIT; docs/performance.md, "Cold start").
/// </summary>
internal sealed class DeferredSecodaConnector : ICatalogConnector
{
    public static readonly DeferredSecodaConnector Instance = new();

    private DeferredSecodaConnector()
    {
    }

    public ILiveCatalog Connect(string url, string token, IEnvironment environment, TimeProvider time) => Secoda().Connect(url, token, environment, time);

    public TimeSpan CacheTtl(IEnvironment environment, TimeSpan fallback) => Secoda().CacheTtl(environment, fallback);

    /// <summary>Not inlined: the Secoda types are resolved only when this runs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ICatalogConnector Secoda() => SecodaConnector.Network;
}
