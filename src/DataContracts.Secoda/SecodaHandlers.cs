using System.Net.Http.Headers;

using DataContracts.Diagnostics;

namespace DataContracts.Secoda;

/// <summary>
/// Adds the bearer token, and only for the configured origin. The pagination code already refuses foreign
/// <c>next</c> links; this is the last line so that no code path can send the key elsewhere.
/// </summary>
internal sealed class SecodaAuthorizationHandler(Uri baseUri, string token) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is null || !SecodaUrl.SameOrigin(request.RequestUri, baseUri))
        {
            throw SecodaErrors.ForeignHost(request.RequestUri, baseUri);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>Counts every attempt (it sits inside the retry handler) and enforces the request budget.</summary>
internal sealed class SecodaCountingHandler(int budget) : DelegatingHandler
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _count) > budget)
        {
            Interlocked.Decrement(ref _count);
            throw new ServiceException(DiagnosticCodes.SecodaBudgetExhausted.Create(
                $"Stopped after {budget} Secoda requests (the request budget); the lineage walk is incomplete.",
                hint: "Lower policy.max_depth, narrow the contracts, or raise the request budget; a catalog snapshot avoids the API entirely."));
        }

        return base.SendAsync(request, cancellationToken);
    }
}
