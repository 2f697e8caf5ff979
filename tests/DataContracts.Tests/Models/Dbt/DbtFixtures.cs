using DataContracts.Changes;

namespace DataContracts.Tests.Models.Dbt;

/// <summary>Paths to the real dbt fixtures copied into the test output, and small helpers over them.</summary>
internal static class DbtFixtures
{
    public static string Root => System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", "dbt");

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Reads a <c>git diff --name-status</c> list into changed files.</summary>
    public static IReadOnlyList<ChangedFile> ReadDiff(string file) =>
        [.. File.ReadAllLines(file)
            .Where(l => l.Length > 2)
            .Select(l => l.Split('\t'))
            .Select(p => p[0][0] switch
            {
                'A' => new ChangedFile(p[1], ChangeStatus.Added),
                'D' => new ChangedFile(p[1], ChangeStatus.Deleted),
                'R' => new ChangedFile(p[2], ChangeStatus.Renamed, p[1]),
                _ => new ChangedFile(p[1], ChangeStatus.Modified),
            })];

    /// <summary>Base content from a dictionary, as git would give it.</summary>
    public sealed class DictionaryBaseContent(IReadOnlyDictionary<string, string> files) : IBaseContentReader
    {
        public Task<string?> ReadAsync(string workspaceRelativePath, CancellationToken cancellationToken) =>
            Task.FromResult(files.TryGetValue(workspaceRelativePath, out var text) ? text : null);
    }
}
