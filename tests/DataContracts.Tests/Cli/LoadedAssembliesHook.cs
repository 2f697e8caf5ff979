// The runtime looks for a type named StartupHook in the global namespace (DOTNET_STARTUP_HOOKS).
#pragma warning disable CA1050

/// <summary>
/// A .NET startup hook that <see cref="DataContracts.Tests.Cli.StartupAssembliesTests"/> loads into a child
/// <c>datacontracts</c> process: at exit it writes the names of every assembly the run loaded to the file named
/// by <c>DATACONTRACTS_TEST_LOADED_ASSEMBLIES</c>. The product knows nothing of it.
/// </summary>
internal static class StartupHook
{
    public const string FileVariable = "DATACONTRACTS_TEST_LOADED_ASSEMBLIES";

    public static void Initialize()
    {
        if (System.Environment.GetEnvironmentVariable(FileVariable) is not { Length: > 0 } path)
        {
            return;
        }

        System.AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            var names = new List<string>();
            foreach (var assembly in System.AppDomain.CurrentDomain.GetAssemblies())
            {
                names.Add(assembly.GetName().Name ?? string.Empty);
            }

            File.WriteAllLines(path, names);
        };
    }
}
