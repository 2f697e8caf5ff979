namespace DataContracts.Tests.MSBuild;

/// <summary>
/// Copies of <c>samples/sqlproj</c> at <c>samples/sqlproj</c> of a fresh git repository in a temp folder, so the
/// sample's own changed-files lists (paths relative to the repository root, as a pull request's) work as written.
/// </summary>
internal static class SqlProjSample
{
    /// <summary>The list that edits <c>Sales.Orders</c>, which the finance dashboard reads (contract <c>orders</c>: fail).</summary>
    public const string Breaking = "changed-files-breaking.txt";

    /// <summary>The list that edits a table nothing reads and a script the project does not build.</summary>
    public const string Clean = "changed-files.txt";

    /// <summary>The breaking file: <c>CREATE TABLE [Sales].[Orders]</c> on its first line.</summary>
    public const string Orders = "Sales/Tables/Orders.sql";

    public static string Source => Path.Combine(RepositoryPaths.Samples, "sqlproj");

    /// <summary>Copies the sample's sources (not build output or package caches) under <paramref name="repository"/>, commits them, and returns the sample's folder.</summary>
    public static string CopyTo(string repository, bool withNuGetConfig = false)
    {
        var sample = Path.Combine(repository, "samples", "sqlproj");
        TempFolder.CopyTree(Source, sample, relative => (withNuGetConfig || relative != "NuGet.config") && relative.Split('/')[0] is not ("bin" or "obj" or ".nuget-packages"));
        File.WriteAllText(Path.Combine(repository, ".gitignore"), "bin/\nobj/\n");
        GitRepo.Init(repository);
        GitRepo.Run(repository, "add", "-A");
        GitRepo.Run(repository, "commit", "-q", "-m", "base");
        return sample;
    }
}
