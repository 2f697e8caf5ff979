using System.Runtime.CompilerServices;
using DataContracts.Artifacts;
using DataContracts.State;

namespace DataContracts.Tool.Cli;

/// <summary>The production-state fetcher, loaded on first use: a run without a fetched state never loads DataContracts.Artifacts or System.Net.Http.</summary>
internal sealed class DeferredStateFetcher : IStateFetcher
{
    public static readonly DeferredStateFetcher Instance = new();

    private DeferredStateFetcher()
    {
    }

    public Task<FetchedState> FetchAsync(StateFetchRequest request, CancellationToken cancellationToken) => Fetcher().FetchAsync(request, cancellationToken);

    /// <summary>Not inlined: the adapter's types are resolved only when this runs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IStateFetcher Fetcher() => HttpStateFetcher.Network;
}
