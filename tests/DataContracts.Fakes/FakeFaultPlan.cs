using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;

namespace DataContracts.Fakes;

/// <summary>
/// A declarative list of faults for <see cref="FakeSecodaServer.Faults"/>: latency on every answer, faults on the
/// first attempts of every n-th distinct URL (so a client that retries always gets through), bursts over a range
/// of request numbers, permanent faults on a route, and rewritten next-page links. Rules are checked in order;
/// the first that fires answers. Thread-safe; one plan belongs to one server.
/// </summary>
public sealed class FakeFaultPlan
{
    private readonly List<Func<FakeRequest, int, int, int, FakeResponse?>> _rules = [];
    private int _seen;
    private readonly ConcurrentDictionary<string, int> _urlIndex = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>Added before every answer, faults included: the network round trip.</summary>
    public TimeSpan Latency { get; private set; }

    /// <summary>Rewrites next-page links (a loop back to page 1, another host).</summary>
    public Func<Uri, Uri>? NextLinks { get; private set; }

    /// <summary>How many answers a rule replaced.</summary>
    public int Injected => _injected;

    private int _injected;

    public FakeFaultPlan WithLatency(TimeSpan latency)
    {
        Latency = latency;
        return this;
    }

    /// <summary>
    /// The first <paramref name="failures"/> attempts of every <paramref name="everyNth"/>-th distinct URL (counted in
    /// order of first arrival, starting at <paramref name="offset"/>) get <paramref name="fault"/>; later attempts succeed.
    /// </summary>
    public FakeFaultPlan Flaky(int everyNth, int failures, FakeResponse fault, int offset = 0, string? route = null)
    {
        _rules.Add((request, index, attempt, _) =>
            (route is null || request.Route == route) && index % everyNth == offset && attempt <= failures ? fault : null);
        return this;
    }

    /// <summary>The plan's requests number <paramref name="first"/> to <paramref name="first"/>+<paramref name="length"/>-1 (1-based, counted from when the plan was set, all routes) get <paramref name="fault"/>.</summary>
    public FakeFaultPlan Burst(int first, int length, FakeResponse fault)
    {
        _rules.Add((_, _, _, n) => n >= first && n < first + length ? fault : null);
        return this;
    }

    /// <summary>Every request (on <paramref name="route"/> when given) gets <paramref name="fault"/>.</summary>
    public FakeFaultPlan Always(FakeResponse fault, string? route = null)
    {
        _rules.Add((request, _, _, _) => route is null || request.Route == route ? fault : null);
        return this;
    }

    public FakeFaultPlan RewriteNextLinks(Func<Uri, Uri> rewrite)
    {
        NextLinks = rewrite;
        return this;
    }

    /// <summary>The fault for this request, or null to answer normally.</summary>
    public FakeResponse? Decide(FakeRequest request)
    {
        var index = _urlIndex.GetOrAdd(request.PathAndQuery, _ => _urlIndex.Count);
        var attempt = _attempts.AddOrUpdate(request.PathAndQuery, 1, (_, n) => n + 1);
        var seen = Interlocked.Increment(ref _seen);
        foreach (var rule in _rules)
        {
            if (rule(request, index, attempt, seen) is { } fault)
            {
                Interlocked.Increment(ref _injected);
                return fault;
            }
        }

        return null;
    }
}

/// <summary>The faults real networks and APIs produce, ready for a <see cref="FakeFaultPlan"/>.</summary>
public static class FakeFaults
{
    public static FakeResponse Throttle(int retryAfterSeconds = 1) =>
        new(429, """{"detail":"Request was throttled. Expected available in 1 second."}""")
        {
            Headers = ImmutableDictionary<string, string>.Empty.Add("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture)),
        };

    /// <summary>429 whose Retry-After is the HTTP date <paramref name="until"/> (whole seconds, as the header carries).</summary>
    public static FakeResponse ThrottleUntil(DateTimeOffset until) =>
        new(429, """{"detail":"Request was throttled."}""")
        {
            Headers = ImmutableDictionary<string, string>.Empty.Add("Retry-After", until.ToString("R", CultureInfo.InvariantCulture)),
        };

    public static FakeResponse ServerError(int status = 503) =>
        new(status, "<html><body><h1>" + status.ToString(CultureInfo.InvariantCulture) + " Service Unavailable</h1></body></html>", "text/html");

    public static FakeResponse Reset() => new(200) { Abort = true };

    public static FakeResponse Slow(TimeSpan delay) => new(200) { Delay = delay, Abort = true };

    public static FakeResponse HtmlPage() => new(200, "<!doctype html><html><head><title>Secoda</title></head><body>Loading…</body></html>", "text/html");

    public static FakeResponse Truncated() => new(200, """{"links":{"next":"None","previous":"None"},"count":3,"results":[{"id":"9a""");

    public static FakeResponse NoResults() => new(200, """{"detail":"upstream timed out"}""");

    public static FakeResponse Unauthorized() => new(401, """{"detail":"Invalid token."}""");

    public static FakeResponse Forbidden() => new(403, """{"detail":"You do not have permission to perform this action."}""");
}
