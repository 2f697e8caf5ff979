using System.Net;
using System.Net.Sockets;
using System.Text.Json;

using DataContracts.Diagnostics;

using Microsoft.Extensions.Http.Resilience;

using Polly;
using Polly.Timeout;

using Refit;

namespace DataContracts.Secoda;

/// <summary>
/// The HTTP side of the client: the handler pipeline (retries → counting/budget → auth → socket), the
/// concurrency gate, pagination over <c>links.next</c>, and the mapping of every failure to a diagnostic.
/// </summary>
internal sealed class SecodaTransport : IDisposable
{
    private const int MaxBodySnippet = 300;

    private readonly Uri _base;
    private readonly string _token;
    private readonly SecodaOptions _options;
    private readonly HttpClient _http;
    private readonly SecodaCountingHandler _counter;
    private readonly SemaphoreSlim _gate;

    public SecodaTransport(Uri baseUri, SecodaOptions options, HttpMessageHandler? primaryHandler)
    {
        _base = baseUri;
        _token = options.Token;
        _options = options;
        _gate = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));

        // Redirects are not followed: a redirect to another host must not receive the key, and Secoda's
        // only documented redirect (missing trailing slash) cannot happen because every path ends in one.
        var primary = primaryHandler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = options.PerRequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(1, options.MaxConcurrency),
        };
        var auth = new SecodaAuthorizationHandler(baseUri, options.Token) { InnerHandler = primary };
        _counter = new SecodaCountingHandler(options.RequestBudget) { InnerHandler = auth };
        var resilience = new ResilienceHandler(BuildPipeline(options)) { InnerHandler = _counter };
        _http = new HttpClient(resilience, disposeHandler: true) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        Api = RestService.For<ISecodaApi>(_http);
    }

    public ISecodaApi Api { get; }

    public int RequestCount => _counter.Count;

    /// <summary>
    /// Reads every page of a listing and returns the <c>results</c> rows. Returns null instead when the first
    /// page's status is one of <paramref name="fallbackOn"/>, so the caller can try another endpoint.
    /// </summary>
    public async Task<IReadOnlyList<JsonElement>?> ReadAllAsync(
        string what,
        Func<CancellationToken, Task<HttpResponseMessage>> firstPage,
        IReadOnlyCollection<HttpStatusCode> fallbackOn,
        CancellationToken cancellationToken,
        Func<JsonElement, bool>? firstPageRowValid = null)
    {
        var rows = new List<JsonElement>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Uri? next = null;
        for (var page = 1; ; page++)
        {
            if (page > _options.MaxPages)
            {
                throw SecodaErrors.PaginationLoop(what, $"went past {_options.MaxPages} pages");
            }

            var (envelope, requestUri) = await FetchPageAsync(what, next, firstPage, page == 1 ? fallbackOn : [], cancellationToken);
            if (envelope is not { } body)
            {
                return null;
            }

            seen.Add(requestUri.AbsoluteUri);
            if (page == 1 && firstPageRowValid is not null && !body.GetProperty("results").EnumerateArray().All(firstPageRowValid))
            {
                // The server ignored or misread a filter: the caller falls back before paging through everything.
                return null;
            }

            rows.AddRange(body.GetProperty("results").EnumerateArray());
            var link = SecodaJson.NextLink(body);
            if (link is null)
            {
                return rows;
            }

            if (!Uri.TryCreate(requestUri, link, out var nextUri) || (nextUri.Scheme != Uri.UriSchemeHttps && nextUri.Scheme != Uri.UriSchemeHttp))
            {
                throw SecodaErrors.BadBody(what, requestUri, "has a next-page link that is not a URL.");
            }

            if (!SecodaUrl.SameOrigin(nextUri, _base))
            {
                throw SecodaErrors.ForeignHost(nextUri, _base);
            }

            if (page == 1 && SecodaPages.Remaining(body, nextUri) is { } remaining)
            {
                // total_pages is known and the link numbers its pages: ask for all of them at once, one
                // dependent round instead of one per page.
                if (remaining.Count + 1 > _options.MaxPages)
                {
                    throw SecodaErrors.PaginationLoop(what, $"announce {remaining.Count + 1} pages, more than the limit of {_options.MaxPages}");
                }

                var pages = await Task.WhenAll(remaining.Select(uri => FetchPageAsync(what, uri, firstPage, [], cancellationToken)));
                foreach (var (envelope2, _) in pages)
                {
                    rows.AddRange(envelope2!.Value.GetProperty("results").EnumerateArray());
                }

                return rows;
            }

            if (seen.Contains(nextUri.AbsoluteUri))
            {
                throw SecodaErrors.PaginationLoop(what, $"link back to a page already read (page {page} points to {nextUri.AbsolutePath}{Redact(nextUri.Query)})");
            }

            next = nextUri;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _gate.Dispose();
    }

    private async Task<(JsonElement? Envelope, Uri RequestUri)> FetchPageAsync(
        string what,
        Uri? next,
        Func<CancellationToken, Task<HttpResponseMessage>> firstPage,
        IReadOnlyCollection<HttpStatusCode> fallbackOn,
        CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            using var response = await SendAsync(what, next is null ? firstPage : ct => _http.GetAsync(next, ct), cancellationToken);
            var requestUri = response.RequestMessage?.RequestUri ?? next ?? _base;
            if (fallbackOn.Contains(response.StatusCode))
            {
                return (null, requestUri);
            }

            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw SecodaErrors.ForStatus(response.StatusCode, what, requestUri, Snippet(text), response.Headers.Location is { } l ? SecodaErrors.Origin(l) + l.AbsolutePath : null);
            }

            return (ParseEnvelope(what, requestUri, response, text), requestUri);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string what, Func<CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        try
        {
            return await send(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Refit wraps what the handlers threw (ServiceException, HttpRequestException, Polly's timeout).
            var cause = ex is ApiRequestException { InnerException: { } inner } ? inner : ex;
            throw cause switch
            {
                ServiceException service => service,
                OperationCanceledException when cancellationToken.IsCancellationRequested => cause,
                TimeoutRejectedException => SecodaErrors.RetriesExhausted(what, $"did not answer within {_options.PerRequestTimeout.TotalSeconds:0.#} s", cause),
                HttpRequestException http when IsUnreachable(http) => SecodaErrors.Unreachable(what, _base, http),
                HttpRequestException or IOException => SecodaErrors.RetriesExhausted(what, $"failed ({Redact(cause.Message)})", cause),
                _ => cause == ex ? SecodaErrors.RetriesExhausted(what, $"failed ({Redact(cause.Message)})", cause) : cause,
            };
        }
    }

    private static bool IsUnreachable(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError
        || ex.InnerException is SocketException;

    private JsonElement ParseEnvelope(string what, Uri requestUri, HttpResponseMessage response, string text)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        var trimmed = text.AsSpan().TrimStart();
        if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("<"))
        {
            throw SecodaErrors.BadBody(what, requestUri, $"is an HTML page, not JSON (status {(int)response.StatusCode}); the URL probably points at the Secoda web app rather than its API.");
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(text);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            var problem = trimmed.IsEmpty ? "is empty" : $"is not valid JSON (truncated or corrupt at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})";
            throw SecodaErrors.BadBody(what, requestUri, problem + ".", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SecodaErrors.BadBody(what, requestUri, $"is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not the documented list object.");
        }

        if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            throw SecodaErrors.BadBody(what, requestUri, "has no 'results' list, so it is not the documented list response.");
        }

        return root;
    }

    private string? Snippet(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Redact(oneLine.Length > MaxBodySnippet ? oneLine[..MaxBodySnippet] + "…" : oneLine);
    }

    /// <summary>A server or exception may echo what it was sent; the key is cut out of anything we repeat.</summary>
    private string Redact(string text) =>
        string.IsNullOrEmpty(_token) ? text : text.Replace(_token, "***", StringComparison.Ordinal);

    private static ResiliencePipeline<HttpResponseMessage> BuildPipeline(SecodaOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldRetryAfterHeader = false,
                // A 200 whose body is an HTML error page, cut short or not the list object is what proxies and
                // overloaded gateways produce; the GET is safe to repeat, so it is retried like a 503.
                ShouldHandle = async args => HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    || await SecodaPages.IsGarbageAsync(args.Outcome.Result, args.Context.CancellationToken),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result, options.MaxRetryDelay)),
            });
        }

        // Inside the retry: the timeout applies to each attempt, and a timed-out attempt is retried.
        builder.AddTimeout(options.PerRequestTimeout);
        return builder.Build();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
        if (wait is not { } delay)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > cap ? cap : delay;
    }
}
