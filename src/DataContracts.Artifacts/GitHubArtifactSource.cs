using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using DataContracts.Diagnostics;
using DataContracts.Hosting;
using DataContracts.State;

namespace DataContracts.Artifacts;

/// <summary>
/// <c>github-artifact:WORKFLOW/ARTIFACT</c>: the newest unexpired artifact of that name from a successful run of the
/// workflow on the repository's default branch, built from the repository itself (never from a fork's head). The
/// runs are listed with GitHub's own filters (<c>branch</c>, <c>status=success</c>, <c>exclude_pull_requests</c>)
/// and checked again here, so a server that ignores a filter cannot slip in another branch's run.
/// </summary>
internal static partial class GitHubArtifactSource
{
    /// <summary>Runs looked at, newest first, before giving up: an artifact kept 90 days is in one of the last few.</summary>
    private const int RunsLooked = 10;

    public static async Task<string> FetchAsync(ArtifactHttp http, StateFetchRequest request, string folder, CancellationToken cancellationToken)
    {
        var source = request.Source;
        var environment = request.Environment;
        var api = ApiUrl(environment);
        var repository = environment.Get("GITHUB_REPOSITORY") is { } r && RepositoryName().IsMatch(r) ? r
            : throw new InputException(DiagnosticCodes.GitHubArtifactNoRepository.Create(
                $"The state source {source.Text} is read from this repository's Actions artifacts, but GITHUB_REPOSITORY is not set to owner/name.",
                hint: "Run the check in GitHub Actions (which sets GITHUB_REPOSITORY), or set GITHUB_REPOSITORY and GITHUB_TOKEN yourself."));
        var token = environment.Get("GITHUB_TOKEN")
            ?? throw new InputException(DiagnosticCodes.StateTokenMissing.Create(
                $"The state source {source.Text} needs a GitHub token to list and download artifacts, but GITHUB_TOKEN is not set.",
                hint: "Pass the Action's github-token input (the default github.token works with permissions: actions: read), or set GITHUB_TOKEN."));
        var authorization = new AuthenticationHeaderValue("Bearer", token);

        var repo = await CallAsync(() => http.GetJsonAsync(new Uri(api, $"repos/{repository}"), authorization, ArtifactJsonContext.Default.GitHubRepository, cancellationToken), source, "read the repository").ConfigureAwait(false);
        var branch = repo.DefaultBranch is { Length: > 0 } b ? b : "main";
        var runsUrl = new Uri(api, $"repos/{repository}/actions/workflows/{Uri.EscapeDataString(source.Workflow!)}/runs?branch={Uri.EscapeDataString(branch)}&status=success&exclude_pull_requests=true&per_page={RunsLooked}");
        GitHubWorkflowRuns runs;
        try
        {
            runs = await http.GetJsonAsync(runsUrl, authorization, ArtifactJsonContext.Default.GitHubWorkflowRuns, cancellationToken).ConfigureAwait(false);
        }
        catch (ArtifactHttpException e) when (e.Status == HttpStatusCode.NotFound)
        {
            throw new ServiceException(DiagnosticCodes.GitHubArtifactWorkflowNotFound.Create(
                $"The workflow '{source.Workflow}' named by {source.Text} was not found in {repository}.",
                hint: "Name the workflow by its file name under .github/workflows (deploy.yml) or its numeric id."));
        }
        catch (ArtifactHttpException e)
        {
            throw Failed(e, source, "list the workflow's runs");
        }

        var production = (runs.WorkflowRuns ?? [])
            .Where(run => run.Conclusion == "success" && run.HeadBranch == branch
                && (run.HeadRepository is null || run.Repository is null || run.HeadRepository.Id == run.Repository.Id)
                && (run.Repository is null || run.Repository.Id == repo.Id))
            .OrderByDescending(run => run.CreatedAt)
            .Take(RunsLooked)
            .ToList();
        var expired = 0;
        foreach (var run in production)
        {
            var artifacts = await CallAsync(
                () => http.GetJsonAsync(new Uri(api, $"repos/{repository}/actions/runs/{run.Id}/artifacts?name={Uri.EscapeDataString(source.Artifact!)}&per_page=100"), authorization, ArtifactJsonContext.Default.GitHubArtifacts, cancellationToken),
                source,
                "list a run's artifacts").ConfigureAwait(false);
            var named = (artifacts.Artifacts ?? []).Where(a => a.Name == source.Artifact).ToList();
            var usable = named.FirstOrDefault(a => !a.Expired && (a.ExpiresAt is null || a.ExpiresAt > request.Time.GetUtcNow()));
            if (usable is null)
            {
                expired += named.Count;
                continue;
            }

            if (usable.SizeInBytes > request.Limits.MaxDownloadBytes)
            {
                throw new ServiceException(DiagnosticCodes.StateTooLarge.Create(
                    $"The artifact '{source.Artifact}' of run {run.Id} is {usable.SizeInBytes / (1024 * 1024)} MiB, over the {request.Limits.MaxDownloadBytes / (1024 * 1024)} MiB a production state download may be; it was not downloaded.",
                    hint: "Upload only manifest.json and catalog.json as the state artifact."));
            }

            // The archive URL comes from the listing: it must point back at the API before the token goes with it.
            if (!Uri.TryCreate(usable.ArchiveDownloadUrl, UriKind.Absolute, out var download)
                || !string.Equals(ArtifactHttp.Origin(download), ArtifactHttp.Origin(api), StringComparison.OrdinalIgnoreCase))
            {
                throw new ServiceException(DiagnosticCodes.GitHubArtifactRequestFailed.Create(
                    $"The artifact listing for {source.Text} gave a download address outside the GitHub API ({(download is null ? "not a URL" : ArtifactHttp.Origin(download))}); the token was not sent there.",
                    hint: "Check GITHUB_API_URL; on GitHub Enterprise Server it is https://HOST/api/v3."));
            }

            var archive = Path.Combine(folder, "artifact.zip");
            try
            {
                await CallAsync(() => http.DownloadAsync(download, authorization, archive, $"artifact '{source.Artifact}' of run {run.Id}", cancellationToken), source, "download the artifact").ConfigureAwait(false);
                await StateArchive.ExtractAsync(archive, folder, request.Limits, $"artifact '{source.Artifact}' of run {run.Id}", cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(archive);
            }

            var sha = run.HeadSha is { Length: >= 7 } s ? s[..7] : "?";
            var when = run.CreatedAt?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "?";
            return $"fetched: artifact '{source.Artifact}' of run {run.Id} of {source.Workflow} on {branch} at {sha}, {when}";
        }

        throw new ServiceException(DiagnosticCodes.GitHubArtifactNotFound.Create(
            production.Count == 0
                ? $"No successful run of {source.Workflow} on {branch} was found in {repository}, so there is no production state to fetch ({source.Text})."
                : $"None of the last {production.Count} successful run(s) of {source.Workflow} on {branch} has an unexpired artifact '{source.Artifact}'{(expired > 0 ? $" ({expired} expired)" : string.Empty)} ({source.Text}).",
            hint: $"Let {source.Workflow} upload the artifact '{source.Artifact}' (manifest.json and catalog.json) on {branch}, with a retention longer than the time between deploys; samples/workflows/datacontracts-production-state.yml does."));
    }

    public static Uri ApiUrl(IEnvironment environment)
    {
        var text = environment.Get("GITHUB_API_URL") ?? "https://api.github.com";
        return new Uri(text.TrimEnd('/') + "/");
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call, StateSource source, string what)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (ArtifactHttpException e)
        {
            throw Failed(e, source, what);
        }
    }

    private static async Task CallAsync(Func<Task> call, StateSource source, string what)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (ArtifactHttpException e)
        {
            throw Failed(e, source, what);
        }
    }

    private static ServiceException Failed(ArtifactHttpException e, StateSource source, string what) => new(DiagnosticCodes.GitHubArtifactRequestFailed.Create(
        $"GitHub could not {what} for {source.Text}: {e.Message}.",
        hint: e.Status switch
        {
            HttpStatusCode.Unauthorized => "The token is missing, expired or revoked.",
            HttpStatusCode.Forbidden => "Give the job `permissions: actions: read` (reading artifacts), or wait out a rate limit.",
            HttpStatusCode.NotFound => "The repository, run or artifact is gone, or the token cannot see it.",
            _ => "Re-run the job; if it keeps failing, check https://www.githubstatus.com.",
        }));

    [GeneratedRegex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")]
    private static partial Regex RepositoryName();
}
