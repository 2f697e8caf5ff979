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

    /// <summary>The most any git command may print: a diff of GitHub's 3,000-file maximum is well under 1 MiB.</summary>
    public const int MaxOutputChars = 64 * 1024 * 1024;

    private const int MaxErrorChars = 64 * 1024;

    /// <summary>
    /// Runs git and returns what it printed. Output past <paramref name="maxOutputChars"/> (a huge blob in
    /// <c>git show</c>) stops git and is the DC3031 error for <paramref name="outputName"/>, never a held string.
    /// </summary>
    public static async Task<GitResult> RunAsync(
        string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken, int maxOutputChars = MaxOutputChars, string? outputName = null)
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
            var stderr = KeepFirstAsync(process.StandardError, MaxErrorChars, cancellationToken);
            try
            {
                var stdout = await IO.BoundedFile.ReadAtMostAsync(process.StandardOutput, maxOutputChars, cancellationToken).ConfigureAwait(false);
                if (stdout.Length > maxOutputChars)
                {
                    process.Kill(entireProcessTree: true);
                    throw IO.BoundedFile.TooLarge(outputName ?? $"the output of 'git {arguments[0]}'", maxOutputChars);
                }

                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                return new GitResult(process.ExitCode, stdout, await stderr.ConfigureAwait(false));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
        }
    }

    /// <summary>Reads a stream to its end (so git never blocks on a full pipe) and keeps its first characters.</summary>
    private static async Task<string> KeepFirstAsync(StreamReader reader, int keep, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var chunk = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            text.Append(chunk, 0, Math.Min(read, Math.Max(0, keep - text.Length)));
        }

        return text.ToString();
    }
}
