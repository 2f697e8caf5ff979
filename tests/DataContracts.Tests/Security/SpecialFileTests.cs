using System.Diagnostics;
using DataContracts.Catalog.Snapshot;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Mapping.Dbt;
using DataContracts.Tests.MSBuild;

namespace DataContracts.Tests.Security;

/// <summary>
/// Every file the tool reads goes through one bounded reader: a path that leads to <c>/dev/zero</c>, a FIFO nobody
/// writes to, or a sparse file of many gigabytes ends at once in a coded error naming the file, never in an
/// out-of-memory abort, a hang, or DC9001.
/// </summary>
public class SpecialFileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Specials => ["zero", "fifo", "sparse"];

    public static TheoryData<string, string> ReadersAndSpecials()
    {
        var data = new TheoryData<string, string>();
        foreach (var reader in new[] { "manifest", "manifest-facts", "catalog", "snapshot", "changed-files", "dbt_project", "sql", "contract" })
        {
            foreach (var special in new[] { "zero", "fifo", "sparse" })
            {
                data.Add(reader, special);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ReadersAndSpecials))]
    public async Task EveryReaderRefusesADeviceAPipeAndAHugeSparseFileWithACodedError(string reader, string special)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Devices and FIFOs are Unix files.");
        using var folder = new TempFolder();
        var path = MakeSpecial(folder, "target.file", special);

        // Without the bounded reader a FIFO blocks forever: the guard turns a hang into a failure, it times nothing.
        var read = Task.Run(() => ReadAsync(reader, path), Ct);
        var error = await Assert.ThrowsAsync<InputException>(() => read.WaitAsync(TimeSpan.FromMinutes(2), Ct));

        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(special == "sparse" ? "DC3031" : "DC3040", diagnostic.Code);
        Assert.Contains("target.file", diagnostic.Message, StringComparison.Ordinal);
        Assert.NotNull(diagnostic.Hint);
    }

    [Theory]
    [MemberData(nameof(Specials))]
    public async Task ASnapshotTheContractFileNamesThatIsSpecialIsExitCodeTwoNamingIt(string special)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Devices and FIFOs are Unix files.");
        using var folder = new TempFolder();
        MakeSpecial(folder, "ci/secoda-snapshot.json", special);
        folder.Write("datacontracts.yml", """
            version: 1
            secoda:
              snapshot: ci/secoda-snapshot.json
            sql:
              paths: ["**/*.sql"]
            contracts:
              - name: orders
                models: ["orders.sql"]
            """);
        folder.Write("orders.sql", "create table analytics.marts.orders as select 1 as id;\n");
        folder.Write("changed.txt", "orders.sql\n");

        var run = await RunBuiltCliAsync(folder.Path, null, "check", "--changed-files", "changed.txt");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(special == "sparse" ? "DC3031" : "DC3040", run.Output, StringComparison.Ordinal);
        Assert.Contains("ci/secoda-snapshot.json", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DC9001", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dbt:\n  manifest: target/manifest.json\n", "target/manifest.json", "zero")]
    [InlineData("dbt:\n  manifest: target/manifest.json\n", "target/manifest.json", "fifo")]
    [InlineData("dbt:\n  state: prod\n", "prod/manifest.json", "zero")]
    [InlineData("dbt:\n  state: prod\n", "prod/manifest.json", "sparse")]
    public async Task AManifestTheContractFileNamesThatIsSpecialIsExitCodeTwoNamingIt(string section, string file, string special)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Devices and FIFOs are Unix files.");
        using var folder = new TempFolder();
        MakeSpecial(folder, file, special);
        folder.Write("dbt_project.yml", "name: shop\n");
        folder.Write("datacontracts.yml", "version: 1\n" + section + "contracts:\n  - name: orders\n    models: [\"orders\"]\n");
        folder.Write("changed.txt", "models/orders.sql\n");

        var run = await RunBuiltCliAsync(folder.Path, null, "check", "--changed-files", "changed.txt");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(special == "sparse" ? "DC3031" : "DC3040", run.Output, StringComparison.Ordinal);
        Assert.Contains(file, run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Specials))]
    public async Task AChangedFilesListThatIsSpecialIsExitCodeTwo(string special)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Devices and FIFOs are Unix files.");
        using var workspace = HostileWorkspace.Create();
        MakeSpecial(workspace, "list.txt", special);

        var run = await RunBuiltCliAsync(workspace.Path, null, "check", "--changed-files", "list.txt");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains(special == "sparse" ? "DC3031" : "DC3040", run.Output, StringComparison.Ordinal);
        Assert.Contains("list.txt", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AChangedFilesListOnStandardInputThatNeverEndsStopsAtTheLimit()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "/dev/zero is a Unix device.");
        using var workspace = HostileWorkspace.Create();

        // The fork pair's list reaches the tool on standard input: here an endless one.
        var run = await ChildProcess.RunAsync(
            "sh", ["-c", $"dotnet \"{Path.Combine(AppContext.BaseDirectory, "datacontracts.dll")}\" check --changed-files - < /dev/zero"], workspace.Path, Environment(), timeoutSeconds: 120);

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC3031", run.Output, StringComparison.Ordinal);
        Assert.Contains("standard input", run.Output, StringComparison.Ordinal);
    }

    /// <summary>Makes <paramref name="relative"/> a symlink to /dev/zero, a FIFO, or a 10 GiB sparse file.</summary>
    internal static string MakeSpecial(TempFolder folder, string relative, string special)
    {
        var path = folder.Combine(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        switch (special)
        {
            case "zero":
                File.CreateSymbolicLink(path, "/dev/zero");
                break;
            case "fifo":
                using (var mkfifo = Process.Start("mkfifo", [path]))
                {
                    mkfifo.WaitForExit();
                    Assert.Equal(0, mkfifo.ExitCode);
                }

                break;
            default:
                using (var stream = File.Create(path))
                {
                    stream.SetLength(10L * 1024 * 1024 * 1024);
                }

                break;
        }

        return path;
    }

    private static async Task ReadAsync(string reader, string path)
    {
        switch (reader)
        {
            case "manifest":
                await ManifestReader.ReadAsync(path, "target.file", Ct);
                break;
            case "manifest-facts":
                await ManifestReader.ReadFactsAsync(path, "target.file", new HashSet<string> { "model.a.b" }, Ct);
                break;
            case "catalog":
                await DbtCatalogFile.ReadAsync(path, "target.file", Ct);
                break;
            case "snapshot":
                await SnapshotFile.ReadAsync(path, Ct);
                break;
            case "changed-files":
                await ChangedFilesList.ReadAsync(path, Path.GetDirectoryName(path)!, Ct);
                break;
            case "dbt_project":
                await DbtProjectFile.TryReadAsync(path, "target.file", Ct);
                break;
            case "sql":
                var (_, error) = await Mapping.Sql.SqlFileText.ReadAsync(path, "target.file", Ct);
                throw new InputException(error!);
            default:
                DataContracts.Contracts.ContractFileReader.Read(path, new DateOnly(2026, 12, 1));
                break;
        }
    }

    private static Dictionary<string, string> Environment() => new() { ["NO_COLOR"] = "1", ["SECODA_API_TOKEN"] = string.Empty };

    private static Task<ChildProcess.Result> RunBuiltCliAsync(string workingDirectory, IReadOnlyDictionary<string, string>? extra, params string[] args)
    {
        var environment = Environment();
        foreach (var (name, value) in extra ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        return ChildProcess.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "datacontracts.dll"), .. args], workingDirectory, environment, timeoutSeconds: 120);
    }
}
