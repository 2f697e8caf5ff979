using DataContracts.Diagnostics;

namespace DataContracts.Application;

/// <summary>Finds the contract file: the given path, else <c>datacontracts.yml</c> in the working folder, else at the repository root.</summary>
internal static class ContractLocator
{
    public const string DefaultFileName = "datacontracts.yml";

    public static string Locate(string workingDirectory, string? requested)
    {
        if (requested is not null)
        {
            // Existence and readability are the reader's to report, with its own codes.
            return Path.GetFullPath(requested, workingDirectory);
        }

        var here = Path.Combine(workingDirectory, DefaultFileName);
        if (File.Exists(here))
        {
            return here;
        }

        for (var dir = new DirectoryInfo(workingDirectory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                var atRoot = Path.Combine(dir.FullName, DefaultFileName);
                if (File.Exists(atRoot))
                {
                    return atRoot;
                }

                break;
            }
        }

        throw new InputException(DiagnosticCodes.NoContractFile.Create(
            $"No {DefaultFileName} in '{workingDirectory}' or at the repository root.",
            new SourceLocation(here),
            "Create datacontracts.yml (see docs/contract-file.md), or pass --contracts FILE."));
    }

    /// <summary>The git top level above <paramref name="directory"/>, found without running git; null outside a repository.</summary>
    public static string? FindRepositoryRoot(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
