using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using DataContracts.Diagnostics;
using DataContracts.State;

namespace DataContracts.Artifacts;

/// <summary>An answer that is not a success, for the client to turn into its own coded diagnostic.</summary>
internal sealed class ArtifactHttpException(HttpStatusCode? status, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>Null for a network failure or a timeout.</summary>
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>
/// The few HTTP calls a state fetch makes, on one <see cref="HttpClient"/> that never follows redirects by itself:
/// each redirect is followed here, at most <see cref="StateLimits.MaxRedirects"/> times, never from https to http,
/// and the token is sent only to the origin it belongs to (a download's blob host gets no Authorization header).
/// Every body is read with a byte bound, and every fetch within <see cref="StateLimits.Timeout"/>.
/// </summary>
internal sealed class ArtifactHttp : IDisposable
{
    /// <summary>API listings are small; 16 MiB is far above any page of 100 runs or artifacts.</summary>
    private const int MaxJsonBytes = 16 * 1024 * 1024;

    private readonly HttpClient client;
    private readonly StateLimits limits;

    public ArtifactHttp(StateLimits limits, HttpMessageHandler? handler = null)
    {
        this.limits = limits;
        client = new HttpClient(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(30) })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("datacontracts", "1"));
    }

    public async Task<T> GetJsonAsync<T>(Uri url, AuthenticationHeaderValue authorization, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, authorization, "application/vnd.github+json", cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxJsonBytes)
                {
                    throw new ArtifactHttpException(response.StatusCode, $"the answer of {Origin(url)} is larger than {MaxJsonBytes / (1024 * 1024)} MiB");
                }

                buffer.Write(chunk, 0, read);
            }

            try
            {
                return JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type)
                    ?? throw new ArtifactHttpException(response.StatusCode, $"{Origin(url)} answered null");
            }
            catch (JsonException e)
            {
                throw new ArtifactHttpException(response.StatusCode, $"{Origin(url)} answered with JSON the API does not document", e);
            }
        }
    }

    /// <summary>Downloads to <paramref name="path"/> with the download bound; a declared length over it is refused before reading.</summary>
    public async Task DownloadAsync(Uri url, AuthenticationHeaderValue authorization, string path, string display, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(url, authorization, "application/octet-stream", cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength is { } declared && declared > limits.MaxDownloadBytes)
        {
            throw new ServiceException(DiagnosticCodes.StateTooLarge.Create(
                $"{display} is {declared / (1024 * 1024)} MiB, over the {limits.MaxDownloadBytes / (1024 * 1024)} MiB a production state download may be; it was not downloaded.",
                hint: "Upload only manifest.json and catalog.json as the state artifact."));
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await StateArchive.WriteBoundedAsync(stream, path, limits.MaxDownloadBytes, display, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>GET, following redirects by hand: the token goes only to <paramref name="url"/>'s own origin.</summary>
    private async Task<HttpResponseMessage> SendAsync(Uri url, AuthenticationHeaderValue authorization, string accept, CancellationToken cancellationToken)
    {
        var tokenOrigin = Origin(url);
        var current = url;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Accept.ParseAdd(accept);
            request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", "2022-11-28");
            if (string.Equals(Origin(current), tokenOrigin, StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Authorization = authorization;
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new ArtifactHttpException(null, $"{Origin(current)} could not be reached ({e.HttpRequestError})", e);
            }

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                response.Dispose();
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (hop >= limits.MaxRedirects)
                {
                    throw new ArtifactHttpException(response.StatusCode, $"more than {limits.MaxRedirects} redirects from {Origin(url)}");
                }

                if (next.Scheme != Uri.UriSchemeHttps && (next.Scheme != Uri.UriSchemeHttp || current.Scheme == Uri.UriSchemeHttps))
                {
                    throw new ArtifactHttpException(response.StatusCode, $"{Origin(current)} redirected to a {next.Scheme} address, which is refused");
                }

                current = next;
                continue;
            }

            if (!response.IsSuccessStatusCode)
            {
                var status = response.StatusCode;
                response.Dispose();
                throw new ArtifactHttpException(status, $"{Origin(current)} answered {(int)status} {status}");
            }

            return response;
        }
    }

    /// <summary>Scheme, host and port only: the rest of a URL from a server may carry a signature or a token.</summary>
    public static string Origin(Uri url) => $"{url.Scheme}://{url.Host}:{url.Port}";

    public void Dispose() => client.Dispose();
}
