namespace DataContracts.Tests.Support;

/// <summary>
/// A copy of the jaffle_shop sample in a temp folder (not a git repository), so a test can break one thing
/// at a time. The contract file, manifest, snapshot and a changed-files list are all valid to begin with.
/// </summary>
public sealed class SampleWorkspace : IDisposable
{
    private readonly TempFolder folder = new();

    public SampleWorkspace()
    {
        TempFolder.CopyTree(System.IO.Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), folder.Path);

        Write("changed.txt", "M\tmodels/orders.sql\n");
    }

    public string Path => folder.Path;

    public string Write(string relativePath, string content) => folder.Write(relativePath, content);

    public string WriteBytes(string relativePath, byte[] content)
    {
        var full = folder.Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
        return full;
    }

    public string Combine(string relativePath) => folder.Combine(relativePath);

    public string Read(string relativePath) => File.ReadAllText(folder.Combine(relativePath));

    public void Dispose() => folder.Dispose();
}
