using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataContracts.Secoda;

/// <summary>Page arithmetic for listings that state their page count.</summary>
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

    /// <summary>The page count the first page states (top level or under <c>meta</c>), unchecked: the caller bounds it.</summary>
    public static int? TotalPages(JsonElement envelope)
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
