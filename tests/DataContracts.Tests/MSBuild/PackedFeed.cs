using System.Reflection;

using DataContracts.Tests.Support;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// Packs DataContracts.Tool and DataContracts.MSBuild into a temporary feed folder once per test run, with
/// `dotnet pack` as a user or CI would, and gives each consumer an isolated NuGet cache and a NuGet.config whose
/// only source is that folder: nothing comes from the network or from a stale cache, and the repository's own
/// artifacts/packages (where a developer packs) is neither read nor overwritten.
/// </summary>
/// <remarks>
/// The packs reuse what the build before this test run compiled (<c>--no-build</c>, in the configuration the
/// tests were built in): recompiling the tool in Release took most of the suite's time on a busy machine.
/// <c>dotnet test -c Release</c> packs Release, exactly as shipped.
/// </remarks>
public sealed class PackedFeed : IAsyncLifetime
{
    private readonly TempFolder temp = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool packed;

    public string Folder => temp.Combine("feed");

    /// <summary>A NuGet cache used only by these tests.</summary>
    public string PackagesCache => temp.Combine("nuget-packages");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Debug or Release: the configuration this test assembly, and so the projects it references, were built in.</summary>
    private static string Configuration { get; } =
        typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    /// <summary>Packs on first use, so the cheaper tests of the collection do not pay for it.</summary>
    public async Task EnsurePackedAsync()
    {
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (packed)
            {
                return;
            }

            Directory.CreateDirectory(Folder);
            foreach (var project in new[] { "src/DataContracts.Tool/DataContracts.Tool.csproj", "src/DataContracts.MSBuild/DataContracts.MSBuild.csproj" })
            {
                var result = await ChildProcess.RunAsync("dotnet", ["pack", project, "-c", Configuration, "--no-build", "-o", Folder, "--disable-build-servers", "-nodeReuse:false"], RepositoryPaths.Root);
                Assert.True(result.ExitCode == 0, $"dotnet pack {project} failed: {result}");
            }

            packed = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes a NuGet.config that knows only the local feed and a private cache.</summary>
    public string WriteNuGetConfig(string folder)
    {
        var path = Path.Combine(folder, "NuGet.config");
        File.WriteAllText(path, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{Folder}" />
              </packageSources>
              <config>
                <add key="globalPackagesFolder" value="{PackagesCache}" />
              </config>
            </configuration>
            """);
        return path;
    }

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesCache };

    public ValueTask DisposeAsync()
    {
        gate.Dispose();
        temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
