// The runtime looks for a type named StartupHook in the global namespace (DOTNET_STARTUP_HOOKS).
#pragma warning disable CA1050

/// <summary>
/// A .NET startup hook that tests load into a child <c>datacontracts</c> process. With
/// <c>DATACONTRACTS_TEST_LOADED_ASSEMBLIES</c> (<see cref="DataContracts.Tests.Cli.StartupAssembliesTests"/>) it writes
/// the names of every assembly the run loaded to that file at exit; with <c>DATACONTRACTS_TEST_BROKEN_STDOUT</c>
/// (<see cref="DataContracts.Tests.Cli.InternalErrorTests"/>) standard output throws, an exception the tool cannot
/// expect, as a bug would raise. The product knows nothing of it.
/// </summary>
internal static class StartupHook
{
    public const string FileVariable = "DATACONTRACTS_TEST_LOADED_ASSEMBLIES";

    public const string BrokenStdoutVariable = "DATACONTRACTS_TEST_BROKEN_STDOUT";

    public static void Initialize()
    {
        if (System.Environment.GetEnvironmentVariable(BrokenStdoutVariable) == "1")
        {
            System.Console.SetOut(new BrokenWriter());
        }

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

/// <summary>A writer whose every write fails with an exception no code path of the tool handles.</summary>
internal sealed class BrokenWriter : TextWriter
{
    public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;

    public override void Write(char value) => throw new NotSupportedException("standard output is broken by the test's startup hook");

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("standard output is broken by the test's startup hook");
}
