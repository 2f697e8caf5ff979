using System.Text;

namespace DataContracts.Secoda;

/// <summary>
/// The Secoda endpoints DataContracts uses. Every method returns the raw response so the caller can map
/// status codes to diagnostics and read bodies leniently (the API's shapes vary between versions).
/// Paths are relative to the normalised base (<c>…/api/v1/</c>) and always end in a slash, as Secoda asks.
/// Follow-up pages (<c>links.next</c>) are absolute URLs and go through the same HttpClient, not through here.
/// Only headers are awaited: the transport reads the body itself, within its size bound.
/// </summary>
internal sealed class SecodaApi(HttpClient http)
{
    /// <summary>List Resources with a catalog filter (serialised JSON).</summary>
    public Task<HttpResponseMessage> ListResourcesAsync(string filter, CancellationToken cancellationToken) =>
        GetAsync("resource/catalog/", cancellationToken, ("filter", filter));

    /// <summary>The deprecated List Tables endpoint, used when <c>resource/catalog/</c> is rejected.</summary>
    public Task<HttpResponseMessage> ListTablesAsync(string title, string? integrationId, CancellationToken cancellationToken) =>
        GetAsync("table/tables/", cancellationToken, ("title", title), ("integration_id", integrationId));

    /// <summary>Lineage rows whose source is <paramref name="fromEntity"/>.</summary>
    public Task<HttpResponseMessage> ListLineageFromAsync(string fromEntity, CancellationToken cancellationToken) =>
        GetAsync("lineage/manual/", cancellationToken, ("from_entity", fromEntity));

    /// <summary>Lineage rows whose destination is <paramref name="toEntity"/>.</summary>
    public Task<HttpResponseMessage> ListLineageToAsync(string toEntity, CancellationToken cancellationToken) =>
        GetAsync("lineage/manual/", cancellationToken, ("to_entity", toEntity));

    /// <summary>Lineage rows whose source is any of the comma-separated ids (<c>from_entity__in</c>).</summary>
    public Task<HttpResponseMessage> ListLineageFromAnyAsync(string fromEntities, CancellationToken cancellationToken) =>
        GetAsync("lineage/manual/", cancellationToken, ("from_entity__in", fromEntities));

    /// <summary>Lineage rows whose destination is any of the comma-separated ids (<c>to_entity__in</c>).</summary>
    public Task<HttpResponseMessage> ListLineageToAnyAsync(string toEntities, CancellationToken cancellationToken) =>
        GetAsync("lineage/manual/", cancellationToken, ("to_entity__in", toEntities));

    /// <summary>List Resources without a filter: everything the key can see (Secoda stops at 10,000 rows).</summary>
    public Task<HttpResponseMessage> ListAllResourcesAsync(CancellationToken cancellationToken) =>
        GetAsync("resource/catalog/", cancellationToken);

    /// <summary>The path with its query; a null value leaves its parameter out, every value is percent-encoded.</summary>
    internal static string PathAndQuery(string path, params ReadOnlySpan<(string Name, string? Value)> query)
    {
        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in query)
        {
            if (value is null)
            {
                continue;
            }

            text.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(value));
            separator = '&';
        }

        return text.ToString();
    }

    private Task<HttpResponseMessage> GetAsync(string path, CancellationToken cancellationToken, params ReadOnlySpan<(string Name, string? Value)> query) =>
        http.GetAsync(new Uri(PathAndQuery(path, query), UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
