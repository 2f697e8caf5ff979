using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace DataContracts.GitHub;

/// <summary>
/// One request to the GitHub REST API, as the gateway needs it: the token as a bearer header, GitHub's media
/// type and a user agent, the request's own deadline, answers read through source-generated JSON within a size
/// bound, failures as <see cref="GitHubApiException"/>, and the <c>Link</c> header's <c>next</c> page. Every
/// request, a followed redirect or a next page included, passes <see cref="ApiHostGuard"/>, so the token reaches
/// only the configured API host. Retries are the caller's (<see cref="GitHubRetry"/>).
/// </summary>
internal sealed partial class GitHubHttp
{
    /// <summary>How long one request may take, as Octokit's was set: a server that stops answering is a timeout, then a retry.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Largest answer read. A page of 100 files with their patches is a few MB at most; anything near this is not
    /// GitHub, and an unbounded read would let a hostile server exhaust memory.
    /// </summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;

    private const int MaxErrorBodyBytes = 64 * 1024;

    /// <summary>GitHub answers a renamed or moved repository with a redirect; a few hops, never to another host.</summary>
    private const int MaxRedirects = 5;

    private static readonly string Version = typeof(GitHubHttp).Assembly.GetName().Version?.ToString(3) ?? "0";

    private readonly HttpClient client;

    public GitHubHttp(Uri apiUrl, string token, HttpMessageHandler? primary = null)
    {
        // Redirects are followed here, not by the handler, so each hop passes the host guard with the token.
        var guard = new ApiHostGuard(apiUrl, primary ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        client = new HttpClient(guard) { Timeout = Timeout.InfiniteTimeSpan, MaxResponseContentBufferSize = MaxBodyBytes };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("DataContracts", Version));
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>An answer: its body read as <typeparamref name="T"/> (default for no body) and the absolute URL of the next page, if any.</summary>
    public readonly record struct Answer<T>(T Value, Uri? Next);

    /// <summary>
    /// Sends one request. <paramref name="read"/> null: the body is not read (a DELETE's 204). Throws
    /// <see cref="GitHubApiException"/> for an error status or a body that is not the documented JSON,
    /// <see cref="TimeoutException"/> when the request's own deadline passes, and lets the run's cancellation through.
    /// </summary>
    public async Task<Answer<T?>> SendAsync<T>(
        HttpMethod method, Uri url, byte[]? json, JsonTypeInfo<T>? read, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RequestTimeout);
        try
        {
            var (response, target) = await ExchangeAsync(method, url, json, null, HttpCompletionOption.ResponseContentRead, deadline.Token).ConfigureAwait(false);
            using (response)
            {
                var next = NextLink(response, target);
                if (read is null)
                {
                    return new Answer<T?>(default, next);
                }

                try
                {
                    var stream = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
                    await using (stream.ConfigureAwait(false))
                    {
                        var value = await JsonSerializer.DeserializeAsync(stream, read, deadline.Token).ConfigureAwait(false);
                        return value is null ? throw new GitHubApiException(response.StatusCode, GitHubProblem.BadBody) : new Answer<T?>(value, next);
                    }
                }
                catch (JsonException e)
                {
                    throw new GitHubApiException(response.StatusCode, GitHubProblem.BadBody, inner: e);
                }
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(e);
        }
    }

    /// <summary>
    /// A GET whose answer is raw bytes in <paramref name="mediaType"/> (a file's content), read only up to
    /// <paramref name="maxBytes"/>: a larger answer throws <paramref name="tooLarge"/>'s exception before or while it
    /// is read, so GitHub's 100 MB files are never buffered. Failures as <see cref="SendAsync{T}"/>.
    /// </summary>
    public async Task<byte[]> GetRawAsync(Uri url, string mediaType, int maxBytes, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(RequestTimeout);
        try
        {
            var (response, _) = await ExchangeAsync(HttpMethod.Get, url, null, mediaType, HttpCompletionOption.ResponseHeadersRead, deadline.Token).ConfigureAwait(false);
            using (response)
            {
                if (response.Content.Headers.ContentLength > maxBytes)
                {
                    throw tooLarge();
                }

                return await ReadAtMostAsync(response.Content, maxBytes, deadline.Token).ConfigureAwait(false) ?? throw tooLarge();
            }
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw TimedOut(e);
        }
    }

    /// <summary>Sends the request, follows same-host redirects, and returns a success answer (the caller disposes it); throws for an error status.</summary>
    private async Task<(HttpResponseMessage Response, Uri Url)> ExchangeAsync(
        HttpMethod method, Uri url, byte[]? json, string? accept, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var target = url;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, target);
            if (accept is not null)
            {
                // A header set on the request is kept; the client's default Accept is not added beside it.
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
            }

            if (json is not null)
            {
                request.Content = new ByteArrayContent(json);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            var response = await client.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
            if (IsRedirect(response.StatusCode) && response.Headers.Location is { } location && hop < MaxRedirects)
            {
                response.Dispose();
                target = new Uri(target, location);
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                using (response)
                {
                    throw await FailureAsync(response, cancellationToken).ConfigureAwait(false);
                }
            }

            return (response, target);
        }
    }

    private static TimeoutException TimedOut(Exception inner) => new($"GitHub did not answer within {RequestTimeout.TotalSeconds:0} seconds.", inner);

    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/> (reading stops there).</summary>
    private static async Task<byte[]?> ReadAtMostAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>The body of a request, serialised with the generated context.</summary>
    public static byte[] Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    private static async Task<GitHubApiException> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string? message = null;
        try
        {
            // GitHub's error bodies are a few hundred bytes; a larger one is not read (the status alone decides).
            var body = await ReadAtMostAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            message = body is not { Length: > 0 } ? null : JsonSerializer.Deserialize(body, GitHubJson.Default.GitHubErrorBody)?.Message;
        }
        catch (JsonException)
        {
            // A proxy's HTML page: the status alone decides.
        }

        return new GitHubApiException(response.StatusCode, GitHubApiException.Classify(response.StatusCode, message, response.Headers), response.Headers);
    }

    /// <summary>The <c>rel="next"</c> URL of the <c>Link</c> header, resolved against the request's URL.</summary>
    internal static Uri? NextLink(HttpResponseMessage response, Uri requestUrl)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            foreach (Match link in LinkEntry().Matches(value))
            {
                if (link.Groups["rel"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("next", StringComparer.OrdinalIgnoreCase)
                    && Uri.TryCreate(requestUrl, link.Groups["url"].Value, out var next))
                {
                    return next;
                }
            }
        }

        return null;
    }

    [GeneratedRegex("""<(?<url>[^>]*)>\s*;\s*rel\s*=\s*"?(?<rel>[^";,]*)"?""")]
    private static partial Regex LinkEntry();
}
