using DataContracts.Diagnostics;
using DataContracts.Fakes;

namespace DataContracts.Tests.Security;

/// <summary>The tool reads only files inside the repository, and only up to the documented size.</summary>
public class FileBoundsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AModelThatIsASymlinkToDevZeroIsRefusedInsteadOfReadForever()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "/dev/zero is a Unix device.");
        using var workspace = HostileWorkspace.Create();
        File.CreateSymbolicLink(workspace.Combine("warehouse/zero.sql"), "/dev/zero");
        File.WriteAllText(workspace.Combine("changed.txt"), "warehouse/zero.sql\n");
        await using var server = await FakeSecodaServer.StartAsync(HostileWorkspace.Secret, cancellationToken: Ct);

        var run = await HostileWorkspace.RunToolAsync(workspace.Path, server, null, "check", "--changed-files", "changed.txt", "--format", "json");

        // Not read, and not skipped either: without a git base nothing says which model it was, so the run cannot pass.
        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
        Assert.Contains("DC3041", run.Output, StringComparison.Ordinal);
        Assert.Contains("DC3042", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("DC9001", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AContractFileThatIsASymlinkToDevZeroIsRefusedUnread()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "/dev/zero is a Unix device.");
        using var workspace = new TempFolder();
        File.CreateSymbolicLink(workspace.Combine("datacontracts.yml"), "/dev/zero");
        await using var server = await FakeSecodaServer.StartAsync(HostileWorkspace.Secret, cancellationToken: Ct);
        File.WriteAllText(workspace.Combine("changed.txt"), "a.sql\n");

        var run = await HostileWorkspace.RunToolAsync(workspace.Path, server, null, "check", "--changed-files", "changed.txt");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC3040", run.Output, StringComparison.Ordinal);
        Assert.Contains("not a regular file", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADotDotEntryInTheChangedFilesListIsNotRead()
    {
        using var outer = new TempFolder();
        outer.Write("outside.sql", "create table analytics.marts.orders as select 1 as id;\n");
        using var workspace = HostileWorkspace.Create();
        var escape = Path.GetRelativePath(workspace.Path, outer.Combine("outside.sql")).Replace('\\', '/');
        Assert.StartsWith("../", escape, StringComparison.Ordinal);

        var run = await CliRunner.RunAsync(workspace.Path, new Dictionary<string, string?>(), escape + "\n", "check", "--changed-files", "-", "--format", "json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("DC3030", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("ANALYTICS.MARTS.ORDERS", run.Out, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ASqlModelAboveTheLimitIsAClearErrorNamingTheFile()
    {
        using var workspace = HostileWorkspace.Create();
        var line = "-- padding that makes this model larger than any hand-written one\n";
        File.WriteAllText(workspace.Combine("warehouse/orders.sql"), string.Concat(Enumerable.Repeat(line, (IO.BoundedFile.MaxTextBytes / line.Length) + 10)));
        File.WriteAllText(workspace.Combine("changed.txt"), "warehouse/orders.sql\n");

        var run = await CliRunner.RunAsync(workspace.Path, new Dictionary<string, string?>(), null, "check", "--changed-files", "changed.txt", "--format", "json");

        Assert.Contains("DC3031", run.Out, StringComparison.Ordinal);
        Assert.Contains("warehouse/orders.sql", run.Out, StringComparison.Ordinal);
        Assert.NotEqual(ExitCodes.Success, run.ExitCode);
    }

    [Theory]
    [InlineData("secoda:\n  snapshot: ../outside/snapshot.json\n", "snapshot.json")]
    [InlineData("secoda:\n  snapshot: linked/snapshot.json\n", "snapshot.json")]
    [InlineData("dbt:\n  state: ../outside\n", "manifest.json")]
    [InlineData("dbt:\n  catalog: ../outside/catalog.json\n", "catalog.json")]
    public async Task InCiAPathTheContractFileNamesOutsideTheRepositoryIsRefused(string section, string file)
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Symbolic links need privileges on Windows.");
        using var root = new TempFolder();
        root.Write("outside/" + file, "{\"version\": 1, \"resources\": [], \"lineage\": []}");
        root.Write("repo/dbt_project.yml", "name: shop\n");
        root.Write("repo/datacontracts.yml", "version: 1\n" + section + "contracts:\n  - name: orders\n    models: [\"models/orders.sql\"]\n");
        root.Write("repo/models/orders.sql", "select 1 as id\n");
        Directory.CreateSymbolicLink(root.Combine("repo/linked"), root.Combine("outside"));
        GitRepo.Init(root.Combine("repo"));
        GitRepo.Run(root.Combine("repo"), "add", "-A");
        GitRepo.Run(root.Combine("repo"), "commit", "-q", "-m", "base");

        var run = await CliRunner.RunAsync(root.Combine("repo"), new Dictionary<string, string?> { ["CI"] = "true" }, "models/orders.sql\n", "check", "--changed-files", "-");

        Assert.Equal(ExitCodes.InvalidInput, run.ExitCode);
        Assert.Contains("DC3043", run.All, StringComparison.Ordinal);
        Assert.Contains("datacontracts.yml:", run.All, StringComparison.Ordinal);
    }
}
