using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.State;

namespace DataContracts.Application;

/// <summary>
/// A fetched state sends a token (GITHUB_TOKEN, the dbt Cloud token) and decides what "production" is, so in CI it
/// follows the rule of <c>secoda.url</c>: a source named in the contract file is used only when the diff's base
/// names the same source and token variable. The workflow's own <c>--state</c> (the Action's <c>state</c> input) is
/// set by the workflow, not the pull request, and is trusted. Locally nothing changes.
/// </summary>
internal static class TrustedStateSource
{
    public static async Task CheckAsync(CheckRequest request, ContractFile head, StateSource source, CancellationToken cancellationToken)
    {
        if (request.StatePath is not null || !TrustedSecodaSettings.IsCi(request.Environment))
        {
            return;
        }

        var trusted = await BaseContractFile.ReadAsync(request, head, cancellationToken).ConfigureAwait(false);
        var sameSource = trusted?.Dbt?.State is { } baseState && string.Equals(baseState.Trim(), source.Text, StringComparison.Ordinal);
        var sameToken = string.Equals(trusted?.Dbt?.StateTokenEnv, head.Dbt?.StateTokenEnv, StringComparison.Ordinal);
        if (sameSource && sameToken)
        {
            return;
        }

        throw new InputException(DiagnosticCodes.StateSourceChangedInPullRequest.Create(
            trusted is null
                ? $"dbt.state names the source {source.Text}, but the base of this change has no contract file git can show, so in CI it is not fetched: no token was sent."
                : $"This change sets dbt.state{(sameSource ? ".state_token_env" : string.Empty)} to a source the base branch does not name ({source.Text}). In CI production state is fetched only from where the base branch says, so no token was sent.",
            head.Dbt?.StateLocation ?? new SourceLocation(head.Path),
            "Merge the change to dbt.state on its own first, or name the source in the workflow (the Action's state input, --state)."));
    }
}
