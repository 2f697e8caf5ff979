using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataContracts.Secoda;

/// <summary>Page arithmetic and the "is this body the documented list at all" check used by the retry policy.</summary>
internal static partial class SecodaPages
{
    /// <summary>
    /// Page links for pages 2..total_pages, when page 1 states <c>total_pages</c> and its next link carries
    /// <c>page=2</c>; null otherwise (the caller then follows <c>next</c> one page at a time).
    /// </summary>
    public static IReadOnlyList<Uri>? Remaining(JsonElement firstPage, Uri secondPage)
    {
        var total = TotalPages(firstPage);
        if (total is not > 1 || !PageTwo().IsMatch(secondPage.Query))
        {
            return null;
        }

        var pages = new List<Uri>(total.Value - 1);
        for (var n = 2; n <= total.Value; n++)
        {
            var query = PageTwo().Replace(secondPage.Query, m => m.Groups[1].Value + "page=" + n.ToString(CultureInfo.InvariantCulture) + m.Groups[2].Value, 1);
            pages.Add(new UriBuilder(secondPage) { Query = query.TrimStart('?') }.Uri);
        }

        return pages;
    }

    /// <summary>
    /// True for a 2xx answer whose body is HTML, not JSON, or JSON without a <c>results</c> list. Buffers
    /// the body so it can be read again; a body that breaks off while being read also counts as garbage.
    /// </summary>
    public static async ValueTask<bool> IsGarbageAsync(HttpResponseMessage? response, CancellationToken cancellationToken)
    {
        if (response is not { IsSuccessStatusCode: true })
        {
            return false;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
            if (IsHtml(response.Content.Headers.ContentType))
            {
                return true;
            }

            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("results", out var results)
                || results.ValueKind != JsonValueKind.Array;
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            return true;
        }
    }

    private static bool IsHtml(MediaTypeHeaderValue? type) =>
        type?.MediaType?.Contains("html", StringComparison.OrdinalIgnoreCase) == true;

    private static int? TotalPages(JsonElement envelope)
    {
        foreach (var holder in new[] { envelope, envelope.TryGetProperty("meta", out var meta) ? meta : default })
        {
            if (holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("total_pages", out var value)
                && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var total))
            {
                return total;
            }
        }

        return null;
    }

    [GeneratedRegex(@"(^\?|&)page=2(&|$)", RegexOptions.CultureInvariant)]
    private static partial Regex PageTwo();
}
