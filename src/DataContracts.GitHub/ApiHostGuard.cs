using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// Lets requests reach only the configured API host. The gateway follows the <c>Link</c> header's <c>next</c>
/// URL and redirects with the token; an answer naming another host (a hostile proxy, a compromised
/// GitHub Enterprise Server) would receive it. Such a request is refused before it is sent, and the message
/// names only the scheme, host and port.
/// </summary>
internal sealed class ApiHostGuard(Uri apiBase, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { IsAbsoluteUri: true } target && !SameOrigin(target, apiBase))
        {
            throw new ServiceException(DiagnosticCodes.GitHubForeignHost.Create(
                $"GitHub's answer pointed the next request to {target.Scheme}://{target.Authority}, which is not the API host {apiBase.Scheme}://{apiBase.Authority}; the request was not sent, so the token stayed here.",
                hint: "Check GITHUB_API_URL and any proxy in between; GitHub's own pagination links always stay on the API host."));
        }

        return base.SendAsync(request, cancellationToken);
    }

    internal static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
        && a.Port == b.Port;
}
