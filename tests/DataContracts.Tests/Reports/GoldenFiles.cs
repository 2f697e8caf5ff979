using System.Text;

namespace DataContracts.Tests.Reports;

/// <summary>
/// Golden files for report renderings: compares text with <c>tests/DataContracts.Tests/Reports/approved/NAME</c>. On a
/// mismatch (or a missing file) it writes <c>NAME.received</c> beside it and fails with the differing lines, so a
/// wording change is a reviewed diff; approve by replacing the approved file with the received one.
/// </summary>
internal static class GoldenFiles
{
    public static void Verify(string name, string actual)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "DataContracts.Tests", "Reports", "approved");
        var approvedPath = Path.Combine(folder, name);
        var receivedPath = approvedPath + ".received";
        var normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;
        if (approved == normalized)
        {
            File.Delete(receivedPath);
            return;
        }

        Directory.CreateDirectory(folder);
        File.WriteAllText(receivedPath, normalized);
        Assert.Fail(approved is null
            ? $"No approved file yet: review {receivedPath} and rename it to {name}."
            : $"The output differs from {approvedPath}; the new output is in {receivedPath}.\n{Diff(approved, normalized)}");
    }

    /// <summary>The lines that differ, as "- approved" / "+ received" pairs with their line numbers (at most 40).</summary>
    private static string Diff(string approved, string received)
    {
        var a = approved.Split('\n');
        var b = received.Split('\n');
        var text = new StringBuilder();
        var shown = 0;
        for (var i = 0; i < Math.Max(a.Length, b.Length) && shown < 40; i++)
        {
            var x = i < a.Length ? a[i] : null;
            var y = i < b.Length ? b[i] : null;
            if (x == y)
            {
                continue;
            }

            shown++;
            text.Append("line ").Append(i + 1).Append('\n');
            if (x is not null)
            {
                text.Append("- ").Append(x).Append('\n');
            }

            if (y is not null)
            {
                text.Append("+ ").Append(y).Append('\n');
            }
        }

        return text.ToString();
    }
}
