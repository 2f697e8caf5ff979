using System.Text.Json.Nodes;

using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Security;

/// <summary>
/// Issue 20, item 13: a pull request cannot waive its own contract. The sample project in a real git repository
/// (main, and a pull request branch that changes <c>models/orders.sql</c> and loosens the contract file), run as
/// CI runs it: each loosening is reported (DC2080) and the base's policy is checked; with policy-from-base off
/// the loosening takes effect and is still reported (DC2081). Locally the working copy's file rules as before.
/// </summary>
public sealed class PolicyLooseningTests : IDisposable
{
    private const string OrdersContract = """
          - name: orders
            models: ["models/orders.sql"]
            on_impact: fail
            owners: ["@jaffle/finance-data"]

        """;

    private readonly TempFolder folder = new();

    private string Project => folder.Combine("project");

    public static TheoryData<string, string> Waivers => new()
    {
        { "acknowledged", "acknowledges '*'" },
        { "on_impact", "contract 'orders': on_impact is off, fail on the base" },
        { "ignore", "policy.ignore adds '*'" },
        { "removed", "contract 'orders' is removed" },
        { "models", "no longer lists the model 'models/orders.sql'" },
    };

    [Theory]
    [MemberData(nameof(Waivers))]
    public async Task InCiTheBasesPolicyIsCheckedAndTheLooseningIsReported(string waiver, string said)
    {
        Repository(waiver);

        var run = await RunAsync(ci: true);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        var report = JsonNode.Parse(run.Out)!;
        Assert.Equal("fail", report["result"]!.GetValue<string>());
        var loosened = Assert.Single(Diagnostics(report), d => d["code"]!.GetValue<string>() == DiagnosticCodes.PolicyLoosenedBaseApplies.Code);
        Assert.Contains(said, loosened["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("warning", loosened["severity"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Waivers))]
    public async Task WithPolicyFromBaseOffTheLooseningTakesEffectAndIsStillReported(string waiver, string said)
    {
        Repository(waiver);

        var run = await RunAsync(ci: true, "--policy-from-base", "false");

        Assert.NotEqual(ExitCodes.ContractViolation, run.ExitCode);
        var loosened = Assert.Single(Diagnostics(JsonNode.Parse(run.Out)!), d => d["code"]!.GetValue<string>() == DiagnosticCodes.PolicyLoosenedInEffect.Code);
        Assert.Contains(said, loosened["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheVariableTurnsItOffTooAndLocallyNothingIsCompared()
    {
        Repository("acknowledged");

        var byVariable = await RunAsync(ci: true, environment: ("DATACONTRACTS_POLICY_FROM_BASE", "false"));
        var local = await RunAsync(ci: false);

        Assert.NotEqual(ExitCodes.ContractViolation, byVariable.ExitCode);
        Assert.NotEqual(ExitCodes.ContractViolation, local.ExitCode);
        Assert.DoesNotContain("DC208", local.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSummaryAndCommentSayItAboveTheTable()
    {
        Repository("on_impact");

        var run = await RunAsync(ci: true, "--format", "markdown");

        Assert.Contains("loosens its own contract policy", run.Out.Split("| changed model")[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TighteningIsNotALoosening()
    {
        Repository("tighten");

        var run = await RunAsync(ci: true);

        Assert.Equal(ExitCodes.ContractViolation, run.ExitCode);
        Assert.DoesNotContain("DC208", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryOtherKindIsFoundAndUndone()
    {
        var location = new SourceLocation("datacontracts.yml", 1, 1);
        var ack = new Acknowledgement { Resource = "Customer LTV", Reason = "moving", Expires = new DateOnly(2030, 1, 1), Location = location };
        var contract = new Contract { Name = "orders", Models = ["models/orders.sql"], Table = "db.marts.orders", Acknowledged = [ack], Location = location };
        var baseFile = new ContractFile
        {
            Path = "/repo/datacontracts.yml",
            Policy = new PolicySettings { OnNonBreaking = ImpactAction.Warn, Uncontracted = UncontractedMode.Check, MaxDepth = 10, OnCatalogError = CatalogErrorMode.Fail },
            Contracts = [contract],
        };
        var head = baseFile with
        {
            Policy = new PolicySettings { OnNonBreaking = ImpactAction.Off, Uncontracted = UncontractedMode.Ignore, MaxDepth = 1, OnCatalogError = CatalogErrorMode.Warn },
            Contracts = [contract with { Table = "db.scratch.nothing", Acknowledged = [ack with { Expires = null }] }],
        };

        var found = PolicyLoosening.Find(baseFile, head).Select(l => l.What).ToList();
        var strictest = PolicyLoosening.Strictest(baseFile, head);

        Assert.Contains("policy.on_non_breaking is off, warn on the base", found);
        Assert.Contains("policy.uncontracted is ignore, check on the base", found);
        Assert.Contains("policy.max_depth is 1, 10 on the base", found);
        Assert.Contains("policy.on_catalog_error is warn, fail on the base", found);
        Assert.Contains("contract 'orders' names another table or Secoda id than on the base", found);
        Assert.Contains("contract 'orders' acknowledges 'Customer LTV'", found);
        Assert.Equal(6, found.Count);
        Assert.Equal(baseFile.Policy with { Ignore = [] }, strictest.Policy with { Ignore = [] });
        Assert.Equal("db.marts.orders", strictest.Contracts[0].Table);
        Assert.Equal(new DateOnly(2030, 1, 1), Assert.Single(strictest.Contracts[0].Acknowledged).Expires);
        Assert.Empty(PolicyLoosening.Find(baseFile, strictest));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DroppingASqlPathCannotMakeAChangedTableNotAModel(bool policyFromBase)
    {
        // The base checks plain SQL under warehouse/ (uncontracted models are checked); the pull request rewrites
        // the orders table there and points sql.paths elsewhere, so its own file would be "not a model".
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), Project);
        var contract = Path.Combine(Project, "datacontracts.yml");
        File.AppendAllText(contract, "\nsql:\n  paths: [\"warehouse/**/*.sql\"]\n");
        Directory.CreateDirectory(Path.Combine(Project, "warehouse"));
        File.WriteAllText(Path.Combine(Project, "warehouse", "orders.sql"), "create or replace table \"dbt-dev-dan\".jaffle_shop.orders as\nselect order_id, customer_id, status from raw_orders;\n");
        GitRepo.Init(Project);
        GitRepo.Run(Project, "add", "-A");
        GitRepo.Run(Project, "commit", "-q", "-m", "base");
        GitRepo.Run(Project, "update-ref", "refs/remotes/origin/main", "main");
        GitRepo.Run(Project, "checkout", "-q", "-b", "pr");
        File.WriteAllText(contract, File.ReadAllText(contract).Replace("warehouse/**/*.sql", "elsewhere/*.sql", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(Project, "warehouse", "orders.sql"), "create or replace table \"dbt-dev-dan\".jaffle_shop.orders as\nselect order_id from raw_orders;\n");
        GitRepo.Run(Project, "commit", "-q", "-am", "pull request");

        var run = await RunAsync(ci: true, policyFromBase ? [] : ["--policy-from-base", "false"], "warehouse/orders.sql");

        var report = JsonNode.Parse(run.Out)!;
        var code = policyFromBase ? DiagnosticCodes.PolicyLoosenedBaseApplies.Code : DiagnosticCodes.PolicyLoosenedInEffect.Code;
        var loosened = Assert.Single(Diagnostics(report), d => d["code"]!.GetValue<string>() == code);
        Assert.Contains("sql.paths no longer lists 'warehouse/**/*.sql'", loosened["message"]!.GetValue<string>(), StringComparison.Ordinal);
        if (policyFromBase)
        {
            // Mapped through the base's sql.paths: the dropped columns reach orders' consumers (the sample's
            // policy warns on uncontracted impact).
            Assert.Equal("warn", (string?)report["result"]);
            Assert.NotEmpty(report["impacts"]!.AsArray());
            Assert.Contains(report["changes"]!.AsArray(), c => (string?)c!["file"] == "warehouse/orders.sql" && (string?)c["table"] == "dbt-dev-dan.jaffle_shop.orders");
        }
        else
        {
            // The loosening in effect: the file is no model at all, which is what the base's policy prevents.
            Assert.DoesNotContain(report["changes"]!.AsArray(), c => (string?)c!["file"] == "warehouse/orders.sql");
            Assert.Empty(report["impacts"]!.AsArray());
        }
    }

    [Fact]
    public void LookingAtLessIsALooseningTooAndIsUndone()
    {
        var location = new SourceLocation("datacontracts.yml", 1, 1);
        var baseFile = new ContractFile
        {
            Path = "/repo/datacontracts.yml",
            Dbt = new DbtSettings { ProjectDir = "./analytics/" },
            Sql = new SqlSettings { Paths = ["sql/**/*.sql", "reports/*.sql"], DefaultDatabase = "warehouse", DefaultSchema = "dbo" },
            SqlProj = new SqlProjSettings { Projects = ["Sales/Sales.sqlproj", "Hr/Hr.sqlproj"], ProjectLocations = [location, location], Database = "Sales" },
        };
        var head = baseFile with
        {
            Dbt = new DbtSettings { ProjectDir = "scratch" },
            Sql = new SqlSettings { Paths = ["reports/*.sql", "new/*.sql"], DefaultDatabase = "warehouse", DefaultSchema = "scratch" },
            SqlProj = new SqlProjSettings { Projects = ["Hr/Hr.sqlproj"], ProjectLocations = [location], Database = "Elsewhere" },
        };

        var found = PolicyLoosening.Find(baseFile, head).Select(l => l.What).ToList();
        var strictest = PolicyLoosening.Strictest(baseFile, head);

        Assert.Equal(
            [
                "dbt.project_dir is 'scratch', './analytics/' on the base",
                "sql.paths no longer lists 'sql/**/*.sql'",
                "sql.default_schema is 'scratch', 'dbo' on the base",
                "sqlproj.projects no longer lists 'Sales/Sales.sqlproj'",
                "sqlproj.database is 'Elsewhere', 'Sales' on the base",
            ],
            found);
        Assert.Equal("./analytics/", strictest.Dbt!.ProjectDir);
        Assert.Equal(["reports/*.sql", "new/*.sql", "sql/**/*.sql"], strictest.Sql!.Paths);
        Assert.Equal("dbo", strictest.Sql.DefaultSchema);
        Assert.Equal(["Hr/Hr.sqlproj", "Sales/Sales.sqlproj"], strictest.SqlProj!.Projects);
        Assert.Equal("Sales", strictest.SqlProj.Database);
        Assert.Empty(PolicyLoosening.Find(baseFile, strictest));
        Assert.Empty(PolicyLoosening.Find(baseFile, baseFile with { Dbt = new DbtSettings { ProjectDir = "analytics" } }));
    }

    public void Dispose() => folder.Dispose();

    private static IEnumerable<JsonNode> Diagnostics(JsonNode report) => report["diagnostics"]!.AsArray().OfType<JsonNode>();

    /// <summary>main holds the sample as it is; branch pr changes the orders model and loosens the contract file as <paramref name="waiver"/> says.</summary>
    private void Repository(string waiver)
    {
        TempFolder.CopyTree(Path.Combine(RepositoryPaths.Samples, "jaffle_shop"), Project);
        GitRepo.Init(Project);
        GitRepo.Run(Project, "add", "-A");
        GitRepo.Run(Project, "commit", "-q", "-m", "base");
        GitRepo.Run(Project, "update-ref", "refs/remotes/origin/main", "main");
        GitRepo.Run(Project, "checkout", "-q", "-b", "pr");
        var path = Path.Combine(Project, "datacontracts.yml");
        var text = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.Contains(OrdersContract, text, StringComparison.Ordinal);
        text = waiver switch
        {
            "acknowledged" => text.Replace(OrdersContract, OrdersContract.TrimEnd('\n') + "\n    acknowledged:\n      - resource: \"*\"\n        reason: \"all fine\"\n\n", StringComparison.Ordinal),
            "on_impact" => text.Replace(OrdersContract, OrdersContract.Replace("on_impact: fail", "on_impact: off", StringComparison.Ordinal), StringComparison.Ordinal),
            "ignore" => text.Replace("""ignore: ["*_scratch"]""", """ignore: ["*_scratch", "*"]""", StringComparison.Ordinal),
            "removed" => text.Replace(OrdersContract, string.Empty, StringComparison.Ordinal),
            "project_dir" => text.Replace("project_dir: .", "project_dir: seeds", StringComparison.Ordinal),
            "models" => text.Replace(OrdersContract, OrdersContract.Replace("""["models/orders.sql"]""", """["models/orders_v2.sql"]""", StringComparison.Ordinal), StringComparison.Ordinal),
            _ => text.Replace("max_depth: 10", "max_depth: 20", StringComparison.Ordinal),
        };
        File.WriteAllText(path, text);
        File.AppendAllText(Path.Combine(Project, "models", "orders.sql"), "\n-- a change\n");
        GitRepo.Run(Project, "commit", "-q", "-am", "pull request");
    }

    private Task<CliRunner.Run> RunAsync(bool ci, params string[] args) => RunAsync(ci, null, args);

    private Task<CliRunner.Run> RunAsync(bool ci, string[] args, string changed) => RunAsync(ci, null, args, changed);

    private Task<CliRunner.Run> RunAsync(bool ci, (string Name, string Value)? environment, params string[] args) => RunAsync(ci, environment, args, "models/orders.sql");

    private Task<CliRunner.Run> RunAsync(bool ci, (string Name, string Value)? environment, string[] args, string changed)
    {
        var variables = new Dictionary<string, string?>();
        if (ci)
        {
            variables["CI"] = "true";
            variables["GITHUB_BASE_REF"] = "main";
        }

        if (environment is { } extra)
        {
            variables[extra.Name] = extra.Value;
        }

        string[] all = ["check", "--changed-files", folder.Write("changes.txt", $"M\t{changed}\n"), .. args];
        if (!args.Contains("--format"))
        {
            all = [.. all, "--format", "json"];
        }

        return CliRunner.RunAsync(Project, variables, null, all);
    }
}
