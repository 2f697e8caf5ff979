using Refit;

namespace DataContracts.Secoda;

/// <summary>
/// The Secoda endpoints DataContracts uses. Every method returns the raw response so the caller can map
/// status codes to diagnostics and read bodies leniently (the API's shapes vary between versions).
/// Paths are relative to the normalised base (<c>…/api/v1/</c>) and always end in a slash, as Secoda asks.
/// Follow-up pages (<c>links.next</c>) are absolute URLs and go through the same HttpClient, not through here.
/// </summary>
internal interface ISecodaApi
{
    /// <summary>List Resources with a catalog filter (serialised JSON).</summary>
    [Get("/resource/catalog/")]
    Task<HttpResponseMessage> ListResourcesAsync([AliasAs("filter")] string filter, CancellationToken cancellationToken);

    /// <summary>The deprecated List Tables endpoint, used when <c>resource/catalog/</c> is rejected.</summary>
    [Get("/table/tables/")]
    Task<HttpResponseMessage> ListTablesAsync(
        [AliasAs("title")] string title,
        [AliasAs("integration_id")] string? integrationId,
        CancellationToken cancellationToken);

    /// <summary>Lineage rows whose source is <paramref name="fromEntity"/>.</summary>
    [Get("/lineage/manual/")]
    Task<HttpResponseMessage> ListLineageFromAsync([AliasAs("from_entity")] string fromEntity, CancellationToken cancellationToken);

    /// <summary>Lineage rows whose destination is <paramref name="toEntity"/>.</summary>
    [Get("/lineage/manual/")]
    Task<HttpResponseMessage> ListLineageToAsync([AliasAs("to_entity")] string toEntity, CancellationToken cancellationToken);

    /// <summary>Lineage rows whose source is any of the comma-separated ids (<c>from_entity__in</c>).</summary>
    [Get("/lineage/manual/")]
    Task<HttpResponseMessage> ListLineageFromAnyAsync([AliasAs("from_entity__in")] string fromEntities, CancellationToken cancellationToken);

    /// <summary>Lineage rows whose destination is any of the comma-separated ids (<c>to_entity__in</c>).</summary>
    [Get("/lineage/manual/")]
    Task<HttpResponseMessage> ListLineageToAnyAsync([AliasAs("to_entity__in")] string toEntities, CancellationToken cancellationToken);

    /// <summary>List Resources without a filter: everything the key can see (Secoda stops at 10,000 rows).</summary>
    [Get("/resource/catalog/")]
    Task<HttpResponseMessage> ListAllResourcesAsync(CancellationToken cancellationToken);
}
