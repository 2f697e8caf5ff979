using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Hosting;

namespace DataContracts.Application;

/// <summary>
/// Paths the contract file names (<c>secoda.snapshot</c>, <c>dbt.manifest</c>, <c>dbt.catalog</c>,
/// <c>dbt.state</c>). In CI the contract file comes from the pull request, so like a changed model such a path must
/// stay inside the repository, lexically and through symlinks (DC3043); a path outside it is given on the
/// command line, which the workflow controls. Locally, where the file is the user's own, any path is allowed.
/// </summary>
internal static class ContractPaths
{
    public static string Resolve(string configured, ContractFile contracts, IEnvironment environment, SourceLocation? location, string option, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(configured, contracts.Directory);
        if (!TrustedSecodaSettings.IsCi(environment))
        {
            return full;
        }

        var root = Path.GetFullPath(ContractLocator.FindRepositoryRoot(contracts.Directory) ?? contracts.Directory);
        var paths = new RealPaths(cancellationToken);
        var realRoot = paths.Resolve(root) ?? root;
        if (RepositoryConfinement.Within(root, full) && paths.Resolve(full) is { } real && RepositoryConfinement.Within(realRoot, real))
        {
            return full;
        }

        throw new InputException(DiagnosticCodes.ContractPathOutsideRepository.Create(
            $"The contract file names '{configured}', which leads outside the repository (through '..', an absolute path or a symlink); in CI it is not read.",
            location ?? new SourceLocation(contracts.Path),
            $"Keep the file inside the repository, or pass its path on the command line ({option}), which the workflow controls."));
    }
}
