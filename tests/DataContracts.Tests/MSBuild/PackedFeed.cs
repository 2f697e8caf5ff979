using System.Reflection;
using System.Runtime.InteropServices;

namespace DataContracts.Tests.MSBuild;

/// <summary>
/// Packs DataContracts.Tool and DataContracts.MSBuild into a temporary feed folder once per test run, with
/// `dotnet pack` as a user or CI would, and gives each consumer an isolated NuGet cache and a NuGet.config whose
/// only source is that folder: nothing comes from the network or from a stale cache, and the repository's own
/// artifacts/packages (where a developer packs) is neither read nor overwritten.
/// </summary>
/// <remarks>
/// The packs reuse what the build before this test run compiled where they can (<c>--no-build</c>, in the
/// configuration the tests were built in): recompiling the tool in Release took most of the suite's time on a busy
/// machine. The RID-specific tool packages need their own build. <c>dotnet test -c Release</c> packs Release,
/// exactly as shipped.
/// </remarks>
public sealed class PackedFeed : IAsyncLifetime
{
    private const string Tool = "src/DataContracts.Tool/DataContracts.Tool.csproj";

    private readonly TempFolder temp = new();
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool packed;
    private Task<(string Rid, ChildProcess.Result Result)>? nativePack;
    private Task<string>? installed;

    public string Folder => temp.Combine("feed");

    /// <summary>A NuGet cache used only by these tests.</summary>
    public string PackagesCache => temp.Combine("nuget-packages");

    /// <summary>
    /// Whether the feed holds the tool as released: the pointer package listing <c>linux-x64</c>,
    /// <c>linux-musl-x64</c> and <c>any</c>, the Native AOT linux-x64 package, which <c>dotnet tool install</c> then
    /// picks, and the musl package. The native compile takes a minute and more, so it is asked for with
    /// <c>DATACONTRACTS_TEST_NATIVE=1</c> (<c>.ci/run</c> sets it), on linux-x64 only. Without it the pointer lists
    /// only <c>any</c>, and the install and the comparisons run the portable package.
    /// </summary>
    public static bool Native { get; } =
        RuntimeInformation.RuntimeIdentifier == "linux-x64" && System.Environment.GetEnvironmentVariable("DATACONTRACTS_TEST_NATIVE") == "1";

    /// <summary>The RIDs the packed pointer package lists, in its order.</summary>
    public static IReadOnlyList<string> ToolRids { get; } = Native ? ["linux-x64", "linux-musl-x64", "any"] : ["any"];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>Debug or Release: the configuration this test assembly, and so the projects it references, were built in.</summary>
    private static string Configuration { get; } =
        typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;

    /// <summary>
    /// Packs on first use, so the cheaper tests of the collection do not pay for it: the tool's pointer package and
    /// its portable (<c>any</c>) package, and the MSBuild package. With <see cref="Native"/> the musl package and then
    /// the native package (a Native AOT compile, the slowest step of the suite) start in the background after them,
    /// one after the other, so no two packs restore the tool at once; only <see cref="InstallToolAsync"/> waits.
    /// </summary>
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
            string[] rids = Native ? [] : ["-p:ToolPackageRuntimeIdentifiers=any"];
            await PackAsync(Tool, ["--no-build", .. rids]);
            await PackAsync(Tool, ["-r", "any", .. rids]);
            await PackAsync("src/DataContracts.MSBuild/DataContracts.MSBuild.csproj", "--no-build");
            nativePack = Native ? PackRidsAsync("linux-musl-x64", "linux-x64") : null;
            packed = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// <c>dotnet tool install DataContracts.Tool --tool-path</c> from the feed, once; returns the command it installed
    /// (with <see cref="Native"/> the native package's executable, else the portable package's shim).
    /// </summary>
    public async Task<string> InstallToolAsync()
    {
        await EnsurePackedAsync();
        await gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            installed ??= InstallAsync();
        }
        finally
        {
            gate.Release();
        }

        return await installed;
    }

    private async Task<string> InstallAsync()
    {
        if (nativePack is not null)
        {
            var (rid, native) = await nativePack;
            Assert.True(native.ExitCode == 0, $"dotnet pack -r {rid} failed: {native}");
        }

        var tools = temp.Combine("tools");
        var config = WriteNuGetConfig(temp.Path);
        var install = await ChildProcess.RunAsync("dotnet", ["tool", "install", "DataContracts.Tool", "--tool-path", tools, "--configfile", config, "--version", "0.1.0"], temp.Path, Environment);
        Assert.True(install.ExitCode == 0, install.ToString());
        return Path.Combine(tools, OperatingSystem.IsWindows() ? "datacontracts.exe" : "datacontracts");
    }

    private async Task PackAsync(string project, params string[] options)
    {
        var result = await PackTask(project, options);
        Assert.True(result.ExitCode == 0, $"dotnet pack {project} {string.Join(' ', options)} failed: {result}");
    }

    /// <summary>The tool's packages for <paramref name="rids"/>, one after another; the first failure, else the last result.</summary>
    private async Task<(string Rid, ChildProcess.Result Result)> PackRidsAsync(params string[] rids)
    {
        (string Rid, ChildProcess.Result Result) last = default;
        foreach (var rid in rids)
        {
            last = (rid, await PackTask(Tool, "-r", rid));
            if (last.Result.ExitCode != 0)
            {
                break;
            }
        }

        return last;
    }

    private Task<ChildProcess.Result> PackTask(string project, params string[] options) =>
        ChildProcess.RunAsync("dotnet", ["pack", project, "-c", Configuration, .. options, "-o", Folder, "--disable-build-servers", "-nodeReuse:false"], RepositoryPaths.Root);

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

    public async ValueTask DisposeAsync()
    {
        // A native pack no test waited for must finish before its output folder goes.
        if (nativePack is not null)
        {
            await nativePack;
        }

        gate.Dispose();
        temp.Dispose();
    }
}
