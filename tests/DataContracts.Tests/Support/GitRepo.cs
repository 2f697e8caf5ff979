using System.Diagnostics;

namespace DataContracts.Tests.Support;

/// <summary>A real git repository in a temp folder, driven through the git CLI like a user would.</summary>
public sealed class GitRepo : IDisposable
{
    private readonly TempFolder folder = new();

    public GitRepo() => Init(Path);

    /// <summary>Makes an existing folder a repository on <c>main</c> with a test identity, and commits nothing.</summary>
    public static void Init(string workingDirectory)
    {
        Run(workingDirectory, "init", "-q", "-b", "main");
        Run(workingDirectory, "config", "user.email", "test@example.com");
        Run(workingDirectory, "config", "user.name", "Test");
        Run(workingDirectory, "config", "commit.gpgsign", "false");
    }

    public string Path => folder.Path;

    public string Write(string relativePath, string content) => folder.Write(relativePath, content);

    public void Delete(string relativePath) => File.Delete(folder.Combine(relativePath));

    public string Commit(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
        return Git("rev-parse", "HEAD").Trim();
    }

    public string Git(params string[] args) => Run(Path, args);

    public static string Run(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("git") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        // The same repository whatever the test runs inside (a git hook exports GIT_DIR and GIT_INDEX_FILE), and no
        // machine or user config (signing, hooks paths, default branch names) that would make a test pass here only.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["GIT_CONFIG_GLOBAL"] = "/dev/null";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed: {stderr}");
        }

        return stdout;
    }

    public void Dispose() => folder.Dispose();
}
