using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Hosting;

namespace DataContracts.Application;

/// <summary>
/// In CI the contract file comes from the pull request, so it must not choose where the Secoda key goes or which
/// secret is sent: <c>secoda.url</c> and <c>secoda.token_env</c> are taken from the file as it is on the diff's
/// base (read through git). A head that changes either sends no key and stops with DC2050. The environment
/// (<c>SECODA_API_URL</c>, the Action's input) is set by the workflow and stays trusted. Locally nothing changes.
/// </summary>
internal static class TrustedSecodaSettings
{
    public static bool IsCi(IEnvironment environment) =>
        environment.Get("CI") is not null || environment.Get("GITHUB_ACTIONS") is not null;

    /// <summary>The contract file with the secret-bearing Secoda settings it may use; throws DC2050 when the head changed them and a key would be sent.</summary>
    public static async Task<ContractFile> ApplyAsync(CheckRequest request, ContractFile head, CancellationToken cancellationToken)
    {
        if (!IsCi(request.Environment))
        {
            return head;
        }

        // A file that is new on the branch (or a base git cannot show) trusts only the defaults.
        var trusted = await TrustedAsync(request, head, cancellationToken).ConfigureAwait(false);
        var urlFromEnvironment = request.Environment.Get("SECODA_API_URL") is not null;
        var urlChanged = !urlFromEnvironment && !SameUrl(head.Secoda.Url, trusted.Url);
        var tokenChanged = !string.Equals(head.Secoda.TokenEnv, trusted.TokenEnv, StringComparison.Ordinal);
        var result = head with { Secoda = head.Secoda with { Url = trusted.Url, TokenEnv = trusted.TokenEnv } };
        if (!urlChanged && !tokenChanged)
        {
            return result;
        }

        if (CatalogFactory.Token(request, head) is null && CatalogFactory.Token(request, result) is null)
        {
            // No key in reach: nothing to protect, and offline mode (a snapshot) may still work.
            return result;
        }

        var changed = new List<string>();
        if (urlChanged)
        {
            changed.Add($"secoda.url ({Origin(trusted.Url) ?? "the default"} on the base, {Origin(head.Secoda.Url) ?? "the default"} here)");
        }

        if (tokenChanged)
        {
            changed.Add($"secoda.token_env ({trusted.TokenEnv} on the base, {head.Secoda.TokenEnv} here)");
        }

        throw new InputException(DiagnosticCodes.SecodaSettingsChangedInPullRequest.Create(
            $"This change sets {string.Join(" and ", changed)}. In CI the Secoda key goes only where the base branch says, so no key was sent and nothing was checked.",
            new SourceLocation(head.Path),
            "Merge the change to the secoda settings on its own first; pull requests after it use it. To point CI elsewhere now, set SECODA_API_URL (the Action's secoda-url input) in the workflow."));
    }

    /// <summary>The Secoda settings the base's contract file gives (the defaults when it has none); in CI only.</summary>
    public static async Task<SecodaSettings> TrustedAsync(CheckRequest request, ContractFile head, CancellationToken cancellationToken) =>
        (await BaseContractFile.ReadAsync(request, head, cancellationToken).ConfigureAwait(false))?.Secoda ?? new SecodaSettings();

    private static bool SameUrl(string? a, string? b) =>
        string.Equals(a?.TrimEnd('/'), b?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static string? Origin(string? url) =>
        url is null ? null : Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}:{uri.Port}" : "an invalid URL";
}
