using DataContracts.Diagnostics;

namespace DataContracts.GitHub;

/// <summary>
/// Follows a GitHub listing's <c>Link: rel="next"</c> one page at a time, with the bounds every listing needs
/// against a server that never says "last": at most <see cref="MaxPages"/> pages, no page fetched twice (a
/// <c>next</c> that points back to itself or to an earlier page), and the run's token checked before every
/// page so <c>--timeout</c> and Ctrl+C stop it. The fetch itself (retries, host guard) is the caller's.
/// </summary>
internal static class GitHubPages
{
    /// <summary>100 pages of 100: ten times GitHub's own cap of 3,000 files for a pull request's file list.</summary>
    public const int MaxPages = 100;

    /// <summary>One page: its items and the absolute URL of the next page, if any.</summary>
    public readonly record struct Page<T>(IReadOnlyList<T> Items, Uri? Next);

    public static async Task<List<T>> ReadAllAsync<T>(
        Uri first, Func<Uri, CancellationToken, Task<Page<T>>> fetch, string what, int maxPages, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? next = first;
        for (var page = 1; next is not null; page++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (page > maxPages)
            {
                throw Loop(what, $"went past {maxPages} pages");
            }

            if (!seen.Add(Key(next)))
            {
                throw Loop(what, $"link back to a page already read (page {page - 1} points to {next.AbsolutePath}{PageOf(next)})");
            }

            var result = await fetch(next, cancellationToken).ConfigureAwait(false);
            items.AddRange(result.Items);
            next = result.Next;
        }

        return items;
    }

    /// <summary>Scheme, host, path and query, case-insensitive for the host; a fragment does not make a new page.</summary>
    private static string Key(Uri uri) => uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.PathAndQuery, UriFormat.UriEscaped).ToLowerInvariant();

    private static string PageOf(Uri uri) =>
        System.Web.HttpUtility.ParseQueryString(uri.Query)["page"] is { Length: > 0 and <= 9 } page && page.All(char.IsAsciiDigit) ? $" page {page}" : string.Empty;

    private static ServiceException Loop(string what, string problem) =>
        new(DiagnosticCodes.GitHubPaginationLoop.Create(
            $"GitHub's pages for {what} {problem}; stopped so the run cannot loop forever, and the listing is incomplete.",
            hint: "GitHub's own Link headers always end; check GITHUB_API_URL and any proxy in between, and re-run the job."));
}
