namespace DataContracts.Tests.GitHub;

/// <summary>
/// Golden files: compares text with <c>tests/DataContracts.Tests/GitHub/approved/NAME.approved.md</c>, found from
/// the repository root (not the caller's file path, which deterministic CI builds rewrite to <c>/_/</c>). On a mismatch
/// (or a missing file) it writes <c>NAME.received.md</c> next to it, for a diff tool and for approving by
/// renaming; received files are gitignored.
/// </summary>
internal static class Approvals
{
    public static void Verify(string name, string actual)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "DataContracts.Tests", "GitHub", "approved");
        var approvedPath = Path.Combine(folder, name + ".approved.md");
        var receivedPath = Path.Combine(folder, name + ".received.md");
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (approved == normalized)
        {
            if (File.Exists(receivedPath))
            {
                File.Delete(receivedPath);
            }

            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(approved is null
            ? $"No approved file yet: review {receivedPath} and rename it to {Path.GetFileName(approvedPath)}."
            : $"The output differs from {approvedPath}; the new output is in {receivedPath}. If the change is intended, replace the approved file with it.");
    }
}
