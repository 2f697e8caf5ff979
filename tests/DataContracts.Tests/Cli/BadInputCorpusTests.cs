using System.Text.RegularExpressions;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Cli;

/// <summary>
/// Bad input of every kind, through the real command line: each case must exit 2 with its DC code and
/// location, a hint, and no stack trace.
/// </summary>
public class BadInputCorpusTests
{
    public sealed record Case(string Name, Action<SampleWorkspace> Setup, string[] Args, string Code, string Location)
    {
        public override string ToString() => Name;
    }

    private static readonly string[] Check = ["check", "--contracts", "datacontracts.yml", "--changed-files", "changed.txt"];

    private static void Contract(SampleWorkspace w, string from, string to) =>
        w.Write("datacontracts.yml", w.Read("datacontracts.yml").Replace(from, to, StringComparison.Ordinal));

    private static readonly Case[] All =
    [
        new Case("broken YAML", w => Contract(w, "version: 1", "version: [1"), Check, "DC2004", @"datacontracts\.yml:4:10"),
        new Case("unknown key with a hint", w => Contract(w, "on_impact: warn", "on_impakt: warn"), Check, "DC2010", @"datacontracts\.yml:15:3"),
        new Case("wrong type", w => Contract(w, "max_depth: 10", "max_depth: ten"), Check, "DC2012", @"datacontracts\.yml:17:14"),
        new Case("bad enum", w => Contract(w, "on_impact: warn", "on_impact: block"), Check, "DC2013", @"datacontracts\.yml:15:14"),
        new Case("missing version", w => Contract(w, "version: 1\n", "\n"), Check, "DC2006", @"datacontracts\.yml"),
        new Case("unsupported version", w => Contract(w, "version: 1", "version: 2"), Check, "DC2006", @"datacontracts\.yml:\d+:\d+"),
        new Case("empty contract file", w => w.Write("datacontracts.yml", ""), Check, "DC2005", @"datacontracts\.yml"),
        new Case("duplicate contract names", w => Contract(w, "- name: customers", "- name: orders"), Check, "DC2020", @"datacontracts\.yml:\d+:\d+"),
        new Case("acknowledgement without reason", w => Contract(w, "        reason: \"RevOps paused the sync during the migration\"\n", ""), Check, "DC2014", @"datacontracts\.yml:\d+:\d+"),
        new Case("bad expiry date", w => Contract(w, "expires: 2099-12-31", "expires: 31/12/2099"), Check, "DC2022", @"datacontracts\.yml:\d+:\d+"),
        new Case("a secret in the file", w => Contract(w, "token_env: SECODA_API_TOKEN", "token: abc123"), Check, "DC2024", @"datacontracts\.yml:\d+:\d+"),
        new Case("secoda url not a URL", w => Contract(w, "token_env: SECODA_API_TOKEN", "url: not a url"), Check, "DC2023", @"datacontracts\.yml:\d+:\d+"),
        new Case("contract file missing", _ => { }, ["check", "--contracts", "nope.yml", "--changed-files", "changed.txt"], "DC2001", "nope\\.yml"),
        new Case("contract file is a folder", w => Directory.CreateDirectory(w.Combine("folder.yml")), ["check", "--contracts", "folder.yml", "--changed-files", "changed.txt"], "DC2001", "folder\\.yml"),
        new Case("contract file is binary", w => w.WriteBytes("datacontracts.yml", [0x00, 0x01, 0xFF, 0xFE, 0x00]), Check, "DC2003", @"datacontracts\.yml"),
        new Case("no contract file anywhere", w => File.Delete(w.Combine("datacontracts.yml")), ["check", "--changed-files", "changed.txt"], "DC8001", @"datacontracts\.yml"),
        new Case("manifest missing", _ => { }, [.. Check, "--manifest", "target/missing.json"], "DC4001", @"missing\.json"),
        new Case("manifest truncated", w => w.Write("target/manifest.json", w.Read("target/manifest.json")[..5000]), Check, "DC4002", @"manifest\.json:\d+:\d+"),
        new Case("manifest is a JSON array", w => w.Write("target/manifest.json", "[1, 2, 3]"), Check, "DC4003", @"manifest\.json"),
        new Case("manifest is catalog.json", w => w.Write("target/manifest.json", "{\"metadata\":{\"dbt_schema_version\":\"https://schemas.getdbt.com/dbt/catalog/v1.json\"},\"nodes\":{},\"sources\":{}}"), Check, "DC4003", @"manifest\.json"),
        new Case("manifest is binary", w => w.WriteBytes("target/manifest.json", [0x1F, 0x8B, 0x08, 0x00, 0x00, 0xFF]), Check, "DC4002", @"manifest\.json"),
        new Case("dbt_project.yml broken", w => { w.Write("dbt_project.yml", "name: [jaffle"); Contract(w, "  manifest: target/manifest.json\n", ""); }, Check, "DC4007", @"dbt_project\.yml"),
        new Case("binary file where SQL is expected", w => { Contract(w, "policy:", "sql:\n  paths: [\"warehouse/**/*.sql\"]\n\npolicy:"); w.WriteBytes("warehouse/orders.sql", [0x4D, 0x5A, 0x00, 0x00, 0x90]); w.Write("changed.txt", "warehouse/orders.sql\n"); }, Check, "DC5003", @"warehouse/orders\.sql"),
        new Case("folder where a SQL file is expected", w => { Contract(w, "policy:", "sql:\n  paths: [\"warehouse/**\"]\n\npolicy:"); Directory.CreateDirectory(w.Combine("warehouse/orders.sql")); w.Write("changed.txt", "warehouse/orders.sql\n"); }, Check, "DC5002", @"warehouse/orders\.sql"),
        new Case("changed-files list missing", _ => { }, ["check", "--contracts", "datacontracts.yml", "--changed-files", "missing.txt"], "DC3010", @"missing\.txt"),
        new Case("changed-files list empty", w => w.Write("changed.txt", "\n# nothing\n"), Check, "DC3011", @"changed\.txt"),
        new Case("changed-files list is a folder", w => Directory.CreateDirectory(w.Combine("list")), ["check", "--contracts", "datacontracts.yml", "--changed-files", "list"], "DC3010", "list"),
        new Case("changed file outside the workspace", w => w.Write("changed.txt", "models/orders.sql\n/etc/passwd\n"), Check, "DC3012", @"changed\.txt:2:1"),
        new Case("snapshot missing", _ => { }, [.. Check, "--catalog-snapshot", "missing-snapshot.json"], "DC6020", @"missing-snapshot\.json"),
        new Case("snapshot not JSON", w => w.Write("secoda-snapshot.json", "{\"version\": 1, \"resources\": [ {\"id\": "), Check, "DC6021", @"secoda-snapshot\.json:\d+:\d+"),
        new Case("snapshot from the future", w => w.Write("secoda-snapshot.json", "{\"version\": 9, \"resources\": [], \"lineage\": []}"), Check, "DC6022", @"secoda-snapshot\.json"),
        new Case("unknown format", _ => { }, [.. Check, "--format", "xml"], "DC8004", "'xml' not recognized"),
        new Case("unknown option", _ => { }, [.. Check, "--frobnicate"], "DC8004", "--frobnicate"),
        new Case("max depth not a number", _ => { }, [.. Check, "--max-depth", "deep"], "DC8004", "deep"),
        new Case("max depth negative", _ => { }, [.. Check, "--max-depth", "-1"], "DC8004", "--max-depth must be from 1"),
        new Case("max depth zero", _ => { }, [.. Check, "--max-depth", "0"], "DC8004", "--max-depth must be from 1"),
        new Case("timeout zero", _ => { }, [.. Check, "--timeout", "0"], "DC8004", "--timeout must be from 1"),
        new Case("timeout negative", _ => { }, [.. Check, "--timeout", "-5"], "DC8004", "--timeout must be from 1"),
        new Case("timeout beyond a day", _ => { }, [.. Check, "--timeout", "5000000"], "DC8004", "--timeout must be from 1 to 86400"),
        new Case("pull request number not a number", _ => { }, [.. Check, "--pr", "latest"], "DC8004", "--pr takes a whole number"),
        new Case("misspelt option", _ => { }, [.. Check, "--max-dept", "3"], "DC8004", "did you mean '--max-depth'"),
        new Case("misspelt command", _ => { }, ["chek", "--contracts", "datacontracts.yml"], "DC8004", "did you mean 'check'"),
        new Case("manifest nodes not an object", w => w.Write("target/manifest.json", new Regex("\"nodes\": \\{").Replace(w.Read("target/manifest.json"), "\"nodes\": [], \"old_nodes\": {", 1)), Check, "DC4003", @"manifest\.json:1:\d+.*'nodes' is a JSON array"),
        new Case("manifest without metadata", w => w.Write("target/manifest.json", w.Read("target/manifest.json").Replace("{\"metadata\": {", "{\"meta\": {", StringComparison.Ordinal)), Check, "DC4003", @"manifest\.json.*no metadata"),
        new Case("snapshot resources not a list", w => w.Write("secoda-snapshot.json", "{\"version\": 1, \"resources\": {}, \"lineage\": []}"), Check, "DC6030", @"secoda-snapshot\.json:1:\d+.*resources"),
        new Case("snapshot lineage not a list", w => w.Write("secoda-snapshot.json", "{\"version\": 1, \"resources\": [], \"lineage\": {\"edges\": []}}"), Check, "DC6030", @"secoda-snapshot\.json:1:\d+.*lineage"),
        new Case("snapshot without lineage", w => w.Write("secoda-snapshot.json", "{\"version\": 1, \"resources\": []}"), Check, "DC6030", @"secoda-snapshot\.json.*lineage"),
        new Case("conflicting options", _ => { }, [.. Check, "--base", "origin/main"], "DC8004", "--changed-files"),
        new Case("no catalog configured", w => Contract(w, "  snapshot: secoda-snapshot.json\n", ""), Check, "DC8002", @"datacontracts\.yml"),
        new Case("impact of an unknown target", _ => { }, ["impact", "--contracts", "datacontracts.yml", "no_such_model"], "DC8006", "no_such_model"),
        new Case("not a git repository", _ => { }, ["check", "--contracts", "datacontracts.yml"], "DC3001", "hint"),
        new Case("report path is a folder", w => Directory.CreateDirectory(w.Combine("out")), [.. Check, "--report", "out"], "DC8005", "out"),
        new Case("plain http to a remote catalog", w => Contract(w, "token_env: SECODA_API_TOKEN", "token_env: SECODA_API_TOKEN\n  url: http://secoda.example.com/api/v1/"), Check, "DC6010", "http"),
    ];

    public static TheoryData<string> Cases() => [.. All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInputExitsTwoWithACodeALocationAndNoStackTrace(string name)
    {
        var @case = All.Single(c => c.Name == name);
        using var workspace = new SampleWorkspace();
        @case.Setup(workspace);
        var environment = @case.Code == "DC6010" ? new Dictionary<string, string?> { ["SECODA_API_TOKEN"] = "s3cr3t-t0ken" } : null;

        var run = await CliRunner.RunAsync(workspace.Path, environment, null, @case.Args);

        Assert.True(ExitCodes.InvalidInput == run.ExitCode, $"exit {run.ExitCode} for {@case.Name}:\n{run.All}");
        Assert.Contains(@case.Code, run.All, StringComparison.Ordinal);
        Assert.Matches(new Regex(@case.Location), run.All);
        Assert.DoesNotMatch(new Regex(@"^\s+at \S+\(", RegexOptions.Multiline), run.All);
        Assert.DoesNotContain("Exception", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-t0ken", run.All, StringComparison.Ordinal);
        Assert.Contains("hint", run.All, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheCorpusHasAtLeastThirtyDistinctCases()
    {
        Assert.True(All.Length >= 30);
        Assert.Equal(All.Length, All.Select(c => c.Name).Distinct().Count());
    }
}
