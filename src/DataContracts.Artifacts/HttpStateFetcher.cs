using System.Security.Cryptography;
using System.Text;
using DataContracts.Diagnostics;
using DataContracts.State;

namespace DataContracts.Artifacts;

/// <summary>
/// Fetches production state over HTTP into a folder: under <c>--cache-dir</c> keyed by the source and the workflow
/// run (<c>GITHUB_RUN_ID</c>, <c>GITHUB_RUN_ATTEMPT</c>), so the steps of one run fetch it once and a new run fetches
/// anew; otherwise into a temporary folder deleted at the end of the command. Each fetch has its own deadline.
/// </summary>
internal sealed class HttpStateFetcher(HttpMessageHandler? handler = null) : IStateFetcher
{
    public static readonly HttpStateFetcher Network = new();

    private const string DetailFile = ".datacontracts-state";

    public async Task<FetchedState> FetchAsync(StateFetchRequest request, CancellationToken cancellationToken)
    {
        var (folder, cached) = Folder(request);
        var detailPath = Path.Combine(folder, DetailFile);
        if (cached && File.Exists(detailPath) && File.Exists(Path.Combine(folder, StateArchive.Manifest)))
        {
            return new FetchedState(folder, (await File.ReadAllTextAsync(detailPath, cancellationToken).ConfigureAwait(false)).Trim() + " (cached in this run)", temporary: false);
        }

        // A fresh folder: nothing from an earlier, failed fetch may be mistaken for production.
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(request.Limits.Timeout);
        using var http = new ArtifactHttp(request.Limits, handler is null ? null : new NonDisposingHandler(handler));
        try
        {
            var detail = request.Source.Kind switch
            {
                StateSourceKind.GitHubArtifact => await GitHubArtifactSource.FetchAsync(http, request, folder, deadline.Token).ConfigureAwait(false),
                StateSourceKind.DbtCloud => await DbtCloudArtifactSource.FetchAsync(http, request, folder, deadline.Token).ConfigureAwait(false),
                _ => throw new InvalidOperationException("A folder is not fetched."),
            };
            if (!File.Exists(Path.Combine(folder, StateArchive.Manifest)))
            {
                throw new ServiceException(DiagnosticCodes.StateWithoutManifest.Create(
                    $"The production state {request.Source.Text} was fetched but has no manifest.json at its top level.",
                    hint: "Upload manifest.json (and catalog.json) themselves, not a folder around them: actions/upload-artifact with path: target/manifest.json and target/catalog.json."));
            }

            await File.WriteAllTextAsync(detailPath, detail, cancellationToken).ConfigureAwait(false);
            return new FetchedState(folder, detail, temporary: !cached);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Discard(folder);
            throw new ServiceException(DiagnosticCodes.StateFetchFailed.Create(
                $"Fetching the production state {request.Source.Text} did not finish within {request.Limits.Timeout.TotalSeconds:0} seconds.",
                hint: "Re-run the job; a state artifact should hold only manifest.json and catalog.json."));
        }
        catch
        {
            Discard(folder);
            throw;
        }
    }

    private static (string Folder, bool Cached) Folder(StateFetchRequest request)
    {
        var environment = request.Environment;
        var runId = environment.Get("GITHUB_RUN_ID");
        var key = Hash(string.Join('\n', request.Source.Text, environment.Get("GITHUB_API_URL"), environment.Get("GITHUB_REPOSITORY"), environment.Get("DBT_CLOUD_API_URL"), runId, environment.Get("GITHUB_RUN_ATTEMPT")));
        return request.CacheDirectory is { } cache && runId is not null
            ? (Path.Combine(cache, "state", key), true)
            : (Path.Combine(Path.GetTempPath(), "datacontracts-state", key + "-" + Guid.NewGuid().ToString("N")[..8]), false);
    }

    private static void Discard(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];

    /// <summary>Lets tests share one handler between fetches.</summary>
    private sealed class NonDisposingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override void Dispose(bool disposing)
        {
        }
    }
}
