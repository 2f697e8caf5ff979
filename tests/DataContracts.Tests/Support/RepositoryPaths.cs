namespace DataContracts.Tests.Support;

/// <summary>Finds the repository root from the test binaries, so tests can read docs, samples and schemas as shipped.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = Find();

    public static string Samples => Path.Combine(Root, "samples");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DataContracts.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (DataContracts.sln) was not found above " + AppContext.BaseDirectory);
    }
}
