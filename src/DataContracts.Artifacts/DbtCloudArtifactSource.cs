using System.Net;
using System.Net.Http.Headers;
using DataContracts.Diagnostics;
using DataContracts.State;

namespace DataContracts.Artifacts;

/// <summary>
/// <c>dbt-cloud:ACCOUNT/JOB</c>: manifest.json and catalog.json of the job's latest successful run, from
/// <c>GET /api/v2/accounts/{account}/jobs/{job}/artifacts/{file}</c> with <c>Authorization: Token …</c>.
/// The host is <c>DBT_CLOUD_API_URL</c> (set by the workflow: <c>https://emea.dbt.com/</c>, a cell URL), else
/// <c>https://cloud.getdbt.com/</c>; never the contract file. catalog.json is optional (a job without
/// <c>dbt docs generate</c> has none).
/// </summary>
internal static class DbtCloudArtifactSource
{
    public const string DefaultUrl = "https://cloud.getdbt.com/";

    public static async Task<string> FetchAsync(ArtifactHttp http, StateFetchRequest request, string folder, CancellationToken cancellationToken)
    {
        var source = request.Source;
        var token = request.Environment.Get(request.DbtCloudTokenEnv)
            ?? throw new InputException(DiagnosticCodes.StateTokenMissing.Create(
                $"The state source {source.Text} needs a dbt Cloud API token, but {request.DbtCloudTokenEnv} is not set.",
                hint: $"Set {request.DbtCloudTokenEnv} from a secret (a service token with read access to the job's artifacts), or name another variable with dbt.state_token_env."));
        var api = new Uri((request.Environment.Get("DBT_CLOUD_API_URL") ?? DefaultUrl).TrimEnd('/') + "/");
        var authorization = new AuthenticationHeaderValue("Token", token);

        foreach (var file in new[] { StateArchive.Manifest, StateArchive.Catalog })
        {
            var url = new Uri(api, $"api/v2/accounts/{source.Account}/jobs/{source.Job}/artifacts/{file}");
            try
            {
                await http.DownloadAsync(url, authorization, Path.Combine(folder, file), $"dbt Cloud job {source.Job}'s {file}", cancellationToken).ConfigureAwait(false);
            }
            catch (ArtifactHttpException e) when (e.Status == HttpStatusCode.NotFound && file == StateArchive.Catalog)
            {
                // A job that does not run `dbt docs generate` has no catalog: classification uses the manifest alone.
            }
            catch (ArtifactHttpException e) when (e.Status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new ServiceException(DiagnosticCodes.DbtCloudUnauthorized.Create(
                    $"dbt Cloud refused the token in {request.DbtCloudTokenEnv} ({(int)e.Status!} {e.Status}) for {source.Text}.",
                    hint: "Use a service token with read access to the job (Job Admin or Metadata/Read-only permissions on its project), and check DBT_CLOUD_API_URL names your account's region."));
            }
            catch (ArtifactHttpException e) when (e.Status == HttpStatusCode.NotFound)
            {
                throw new ServiceException(DiagnosticCodes.DbtCloudNotFound.Create(
                    $"dbt Cloud has no {file} for {source.Text}: the account or job does not exist, or the job has no successful run yet.",
                    hint: "Check the account and job ids in the job's URL (…/deploy/ACCOUNT/projects/…/jobs/JOB), and that the job ran successfully."));
            }
            catch (ArtifactHttpException e)
            {
                throw new ServiceException(DiagnosticCodes.StateFetchFailed.Create(
                    $"dbt Cloud could not give {file} for {source.Text}: {e.Message}.",
                    hint: "Re-run the job; if it keeps failing, check https://status.getdbt.com."));
            }
        }

        return $"fetched: latest run of dbt Cloud job {source.Job} (account {source.Account})";
    }
}
