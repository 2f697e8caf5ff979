using System.Reflection;

namespace DataContracts.Tests.MSBuild;

/// <summary>Copies of <c>samples/msbuild</c> in a temp folder (no git there, so paths are relative to the contract file).</summary>
internal static class MSBuildSample
{
    public const string Breaking = "changed-breaking.txt";
    public const string Warning = "changed-warn.txt";
    public const string Clean = "changed-clean.txt";

    /// <summary>The CLI built by the Tool project (its own bin folder, with deps.json and runtimeconfig).</summary>
    public static string ToolPath { get; } = typeof(MSBuildSample).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "DataContractsToolPath").Value!;

    public static string Source => Path.Combine(RepositoryPaths.Samples, "msbuild");

    /// <summary>Copies the sample's sources (not its build output or package cache) and writes three changed-file lists.</summary>
    public static void CopyTo(string target)
    {
        TempFolder.CopyTree(Source, target, relative => relative != "NuGet.config" && relative.Split('/')[0] is not ("bin" or "obj" or ".nuget-packages"));

        File.WriteAllText(Path.Combine(target, Breaking), "M\twarehouse/orders.sql\n");
        File.WriteAllText(Path.Combine(target, Warning), "M\twarehouse/customers.sql\n");
        File.WriteAllText(Path.Combine(target, Clean), "M\twarehouse/order_notes.sql\n");
    }
}
