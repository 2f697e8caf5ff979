using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using DataContracts.Diagnostics;

namespace DataContracts.Changes;

/// <summary>Runs the git CLI. Using the user's own git keeps behaviour identical to what they see in a terminal.</summary>
internal static class GitRunner
{
    public sealed record GitResult(int ExitCode, string StdOut, string StdErr);

    /// <summary>
    /// The variables with which git chooses a repository, work tree, index or object store other than the one
    /// the working folder is in. The user's global config stays: CI runners keep <c>safe.directory</c> there.
    /// </summary>
    internal static readonly IReadOnlyList<string> RepositoryVariables =
    [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_PREFIX", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
        "GIT_QUARANTINE_PATH", "GIT_REPLACE_REF_BASE", "GIT_NO_REPLACE_OBJECTS", "GIT_GRAFT_FILE", "GIT_SHALLOW_FILE",
    ];

    public static async Task<GitResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Run inside a git hook (or any process that exported them), these would point every command at another
        // repository, index or object store than the workspace's; git must find the repository from the folder.
        foreach (var name in RepositoryVariables)
        {
            info.Environment.Remove(name);
        }

        // A pager or a prompt for credentials would hang a CI job.
        info.Environment["GIT_PAGER"] = "cat";
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["LC_ALL"] = "C";

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("git did not start");
        }
        catch (Win32Exception)
        {
            throw new InputException(DiagnosticCodes.GitNotInstalled.Create(
                "git was not found on PATH.",
                hint: "Install git, or pass the changed files with --changed-files FILE."));
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new GitResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
