using System.Net;

using DataContracts.Diagnostics;

namespace DataContracts.Secoda;

/// <summary>Maps what went wrong talking to Secoda to a <see cref="ServiceException"/> that says what to check.</summary>
internal static class SecodaErrors
{
    private const string UrlHint = "Check secoda.url in the contract file or SECODA_API_URL (e.g. https://api.secoda.co/api/v1/, EU https://eapi.secoda.co/api/v1/).";

    public static ServiceException ForeignHost(Uri? target, Uri baseUri) =>
        new(DiagnosticCodes.SecodaForeignHost.Create(
            $"Secoda returned a page link to {Origin(target)}, which is not the configured API host {Origin(baseUri)}; refusing to send the API key there, so the listing is incomplete.",
            hint: "If the API moved, set secoda.url / SECODA_API_URL to the new host; otherwise report the response to Secoda."));

    public static ServiceException ForStatus(HttpStatusCode status, string what, Uri requestUri, string? bodySnippet, string? location)
    {
        var code = (int)status;
        var where = $"{what} ({requestUri.AbsolutePath})";
        var body = string.IsNullOrWhiteSpace(bodySnippet) ? string.Empty : $" Response: {bodySnippet}";
        return status switch
        {
            HttpStatusCode.Unauthorized => new(DiagnosticCodes.SecodaUnauthorized.Create(
                $"Secoda answered 401 Unauthorized to {where}: the API key was refused.{body}",
                hint: "Check SECODA_API_TOKEN (or the variable named by secoda.token_env) and that the key belongs to this workspace and region (US api, EU eapi, APAC aapi).")),
            HttpStatusCode.Forbidden => new(DiagnosticCodes.SecodaForbidden.Create(
                $"Secoda answered 403 Forbidden to {where}: the key works but may not read this.{body}",
                hint: "Use a key created by a workspace Admin; Editors and Viewers see only part of the lineage.")),
            HttpStatusCode.NotFound => new(DiagnosticCodes.SecodaNotFound.Create(
                $"Secoda answered 404 Not Found to {where}.{body}",
                hint: UrlHint)),
            HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError => new(DiagnosticCodes.SecodaRetriesExhausted.Create(
                $"Secoda answered {code} {status} to {where} and kept doing so after retries.{body}",
                hint: "Secoda may be rate limiting or down; try again later, or use a catalog snapshot (secoda.snapshot).")),
            >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest => new(DiagnosticCodes.SecodaBadResponse.Create(
                $"Secoda answered {code} {status} to {where}, redirecting to {LocationOrigin(location, requestUri)}; redirects are not followed so the key stays on the configured host.",
                hint: UrlHint)),
            _ => new(DiagnosticCodes.SecodaBadResponse.Create(
                $"Secoda answered {code} {status} to {where}.{body}",
                hint: UrlHint)),
        };
    }

    public static ServiceException BadBody(string what, Uri requestUri, string problem, Exception? inner = null) =>
        new(DiagnosticCodes.SecodaBadResponse.Create(
            $"Secoda's answer to {what} ({requestUri.AbsolutePath}) {problem}",
            hint: UrlHint), inner);

    public static ServiceException Unreachable(string what, Uri baseUri, Exception inner) =>
        new(DiagnosticCodes.SecodaUnreachable.Create(
            $"Could not reach Secoda at {Origin(baseUri)} for {what}: {inner.Message}",
            hint: UrlHint), inner);

    public static ServiceException RetriesExhausted(string what, string reason, Exception inner) =>
        new(DiagnosticCodes.SecodaRetriesExhausted.Create(
            $"Secoda {reason} for {what}, and kept doing so after retries.",
            hint: "Try again later or raise the per-request timeout; a catalog snapshot (secoda.snapshot) avoids the API."), inner);

    public static ServiceException PageTooLarge(string what, Uri requestUri, int limit) =>
        new(DiagnosticCodes.SecodaPageTooLarge.Create(
            $"Secoda's answer to {what} ({Origin(requestUri)}{requestUri.AbsolutePath}) is larger than {limit / (1024 * 1024)} MB, far beyond a page of the documented list; it was not read.",
            hint: "Check that the URL points at the Secoda API; a proxy or a misbehaving server may be answering instead."));

    public static ServiceException PaginationLoop(string what, string problem) =>
        new(DiagnosticCodes.SecodaPaginationLoop.Create(
            $"Secoda's pages for {what} {problem}; stopped so the run cannot loop forever, and the listing is incomplete.",
            hint: "Report the response to Secoda; narrow the query (an integration_id) if the listing is simply very long."));

    /// <summary>Scheme, host and port only: a URL from a server may carry the key in its user-info, path or query.</summary>
    public static string Origin(Uri? uri) => uri is null ? "(no URL)" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";

    private static string LocationOrigin(string? location, Uri requestUri) =>
        location is null ? "nowhere"
        : Uri.TryCreate(requestUri, location, out var target) ? Origin(target)
        : "an address that is not a URL";
}
