using System.Net;
using System.Net.Sockets;
using System.Text.Json;

using DataContracts.Diagnostics;

using Polly;
using Polly.Retry;

namespace DataContracts.Secoda;

/// <summary>
/// The HTTP side of the client: the retry pipeline around one attempt (send, read the body within a size
/// bound, parse it once), the handlers under it (counting/budget → auth → socket), the concurrency gate,
/// pagination over <c>links.next</c>, and the mapping of every failure to a diagnostic.
/// </summary>
internal sealed class SecodaTransport : IDisposable
{
    private const int MaxBodySnippet = 300;

    /// <summary>Largest page body read: a page of 50 rows is a few hundred KB; anything near this is not a Secoda page.</summary>
    internal const int MaxPageBytes = 32 * 1024 * 1024;

    private readonly Uri _base;
    private readonly string _token;
    private readonly SecodaOptions _options;
    private readonly HttpClient _http;
    private readonly SecodaCountingHandler _counter;
    private readonly SemaphoreSlim _gate;
    private readonly ResiliencePipeline<Attempt> _retry;

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
        _http = new HttpClient(_counter, disposeHandler: true) { BaseAddress = baseUri, Timeout = Timeout.InfiniteTimeSpan };
        _retry = BuildPipeline(options);
        Api = new SecodaApi(_http);
    }

    public SecodaApi Api { get; }

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

            if (page == 1 && SecodaPages.TotalPages(body) is > 1 and var total)
            {
                // The server's number is checked against the limits before anything is sized by it.
                var limit = Math.Min(_options.MaxPages, _options.RequestBudget);
                if (total > limit)
                {
                    throw SecodaErrors.PaginationLoop(what, $"announce {total} pages, more than the limit of {limit}");
                }
            }

            if (page == 1 && SecodaPages.Remaining(body, nextUri) is { } remaining)
            {
                // total_pages is known and the link numbers its pages: ask for all of them at once, one
                // dependent round instead of one per page.
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
            var send = next is null ? firstPage : ct => _http.GetAsync(next, HttpCompletionOption.ResponseHeadersRead, ct);
            var attempt = await _retry.ExecuteAsync(
                static (state, ct) => state.Self.AttemptAsync(state.What, state.Next, state.Send, state.FallbackOn, ct),
                (Self: this, What: what, Next: next, Send: send, FallbackOn: fallbackOn),
                cancellationToken);
            if (attempt.Failure is { } failure)
            {
                throw failure;
            }

            return (attempt.Body?.RootElement, attempt.RequestUri);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// One try: send, read the body under the per-attempt deadline and the size bound, parse it once. Transient
    /// failures (429, 5xx, timeouts, resets, garbage bodies) come back as a retryable attempt carrying the error
    /// to report if no retry is left; the budget and the size bound throw, since repeating cannot help.
    /// </summary>
    private async ValueTask<Attempt> AttemptAsync(
        string what, Uri? next, Func<CancellationToken, Task<HttpResponseMessage>> send, IReadOnlyCollection<HttpStatusCode> fallbackOn, CancellationToken cancellationToken)
    {
        var requestUri = next ?? _base;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.PerRequestTimeout);
        try
        {
            using var response = await send(deadline.Token);
            requestUri = response.RequestMessage?.RequestUri ?? requestUri;
            if (fallbackOn.Contains(response.StatusCode))
            {
                return new Attempt(null, requestUri, null, false, null, Fallback: true);
            }

            var bytes = await ReadBoundedAsync(what, requestUri, response.Content, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                var text = System.Text.Encoding.UTF8.GetString(bytes.Span);
                var failure = SecodaErrors.ForStatus(response.StatusCode, what, requestUri, Snippet(text), response.Headers.Location is { } l ? SecodaErrors.Origin(l) + l.AbsolutePath : null);
                return new Attempt(null, requestUri, failure, status is 408 or 429 or >= 500, RetryAfter(response, _options.MaxRetryDelay, _options.Time.GetUtcNow()));
            }

            try
            {
                return new Attempt(ParseEnvelope(what, requestUri, response, bytes), requestUri, null, false, null);
            }
            catch (ServiceException garbage)
            {
                // A 200 whose body is an HTML error page, cut short or not the list object is what proxies and
                // overloaded gateways produce; the GET is safe to repeat, so it is retried like a 503.
                return new Attempt(null, requestUri, garbage, true, null);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = SecodaErrors.RetriesExhausted(what, $"did not answer within {_options.PerRequestTimeout.TotalSeconds:0.#} s", new TimeoutException());
            return new Attempt(null, requestUri, failure, true, null);
        }
        catch (Exception cause) when (cause is HttpRequestException or IOException)
        {
            var failure = cause is HttpRequestException http && IsUnreachable(http)
                ? SecodaErrors.Unreachable(what, _base, http)
                : SecodaErrors.RetriesExhausted(what, $"failed ({Redact(cause.Message)})", cause);
            return new Attempt(null, requestUri, failure, true, null);
        }
    }

    /// <summary>Reads the body, refusing one larger than <see cref="MaxPageBytes"/> before and while reading it.</summary>
    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(string what, Uri requestUri, HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength is > MaxPageBytes)
        {
            throw SecodaErrors.PageTooLarge(what, requestUri, MaxPageBytes);
        }

        var stream = await content.ReadAsStreamAsync(cancellationToken);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new MemoryStream(content.Headers.ContentLength is { } length ? (int)length : 16 * 1024);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxPageBytes)
                {
                    throw SecodaErrors.PageTooLarge(what, requestUri, MaxPageBytes);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
    }

    private static bool IsUnreachable(HttpRequestException ex) =>
        ex.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError
        || ex.InnerException is SocketException;

    private static JsonDocument ParseEnvelope(string what, Uri requestUri, HttpResponseMessage response, ReadOnlyMemory<byte> bytes)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? string.Empty;
        var trimmed = bytes.Span.TrimStart(" \t\r\n"u8);
        if (mediaType.Contains("html", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("<"u8))
        {
            throw SecodaErrors.BadBody(what, requestUri, $"is an HTML page, not JSON (status {(int)response.StatusCode}); the URL probably points at the Secoda web app rather than its API.");
        }

        // Parsed once and kept: the rows handed to the catalog point into this document.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException ex)
        {
            var problem = trimmed.IsEmpty ? "is empty" : $"is not valid JSON (truncated or corrupt at line {(ex.LineNumber ?? 0) + 1}, byte {(ex.BytePositionInLine ?? 0) + 1})";
            throw SecodaErrors.BadBody(what, requestUri, problem + ".", ex);
        }

        // A lone surrogate ("\ud800") parses but throws when read: refuse the page here, with where it is.
        if (IO.JsonText.FindInvalidString(bytes.Span) is { } bad)
        {
            document.Dispose();
            throw SecodaErrors.BadBody(what, requestUri, $"holds text that is not valid Unicode (a lone UTF-16 surrogate such as \\ud800, or invalid UTF-8) at line {bad.Line}, column {bad.Column}.");
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw SecodaErrors.BadBody(what, requestUri, $"is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not the documented list object.");
        }

        if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
        {
            throw SecodaErrors.BadBody(what, requestUri, "has no 'results' list, so it is not the documented list response.");
        }

        return document;
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

    private static ResiliencePipeline<Attempt> BuildPipeline(SecodaOptions options)
    {
        var builder = new ResiliencePipelineBuilder<Attempt> { TimeProvider = options.Time };
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<Attempt>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.MaxRetryDelay,
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Result is { Retryable: true }),
                DelayGenerator = static args => ValueTask.FromResult(args.Outcome.Result?.RetryAfter),
            });
        }

        return builder.Build();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeSpan cap, DateTimeOffset now)
    {
        var header = response?.Headers.RetryAfter;
        TimeSpan? wait = header?.Delta ?? (header?.Date is { } date ? date - now : null);
        if (wait is not { } delay)
        {
            return null;
        }

        return delay < TimeSpan.Zero ? TimeSpan.Zero : delay > cap ? cap : delay;
    }

    /// <summary>What one attempt gave: the parsed page, or the error to report when no retry is left.</summary>
    private sealed record Attempt(JsonDocument? Body, Uri RequestUri, ServiceException? Failure, bool Retryable, TimeSpan? RetryAfter, bool Fallback = false);
}
