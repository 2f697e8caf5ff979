using System.Diagnostics;

namespace DataContracts.Benchmarks;

/// <summary>
/// Under the client's own handlers, times every HTTP attempt to its response headers: their sum over the walk's
/// wall time is the mean number in flight, which says whether a walk slower than its bound left slots idle
/// (the client's fault) or kept them full of slow answers (the server's, or the machine's).
/// </summary>
internal sealed class InFlightMeter() : DelegatingHandler(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
{
    private long _ticks;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public TimeSpan Total => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _count);
        }
    }
}
