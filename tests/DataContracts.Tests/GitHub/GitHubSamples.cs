using DataContracts.Application;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.Tests.GitHub;

/// <summary>Results built by hand for the comment tests; catalog text tries every way out of its context.</summary>
internal static class GitHubSamples
{
    /// <summary>Markdown, HTML, a mention, a table break, a javascript link and a Mermaid break-out, in one title.</summary>
    public const string HostileTitle = "KPIs\"] --> x\n```\n</details><script>alert(1)</script> **bold** | @acme/everyone [x](javascript:alert(1)) %%{init: {'theme':'dark'}}%% click n0 \"javascript:alert(1)\"";

    public static CheckResult Failing() => new()
    {
        Outcome = CheckOutcome.Fail,
        WorkspaceRoot = "/repo",
        ContractFile = "datacontracts.yml",
        CatalogSource = "https://api.secoda.co/api/v1/",
        Changes =
        [
            new ChangeEntry { File = "models/marts/orders.sql", Status = ChangeStatus.Modified, Models = ["model.shop.orders"], Table = "ANALYTICS.MARTS.ORDERS", SecodaId = "t-1", Contract = "orders" },
            new ChangeEntry { File = "models/staging/stg_payments.sql", Status = ChangeStatus.Modified, Models = ["model.shop.stg_payments"], Table = "ANALYTICS.STAGING.STG_PAYMENTS", SecodaId = "t-2" },
        ],
        Impacts =
        [
            new ImpactEntry
            {
                Source = new ImpactSource { Table = "ANALYTICS.MARTS.ORDERS", SecodaId = "t-1", Contract = "orders", Models = ["model.shop.orders"], File = "models/marts/orders.sql", Owners = ["@acme/finance"] },
                Verdict = ImpactVerdict.Fail,
                Downstream =
                [
                    new DownstreamEntry { Id = "c-1", Title = "Revenue by month", Type = "chart", Url = "https://app.secoda.co/chart/c-1", Depth = 1, Via = ["t-1"] },
                    new DownstreamEntry { Id = "d-1", Title = HostileTitle, Type = "dashboard", Url = "https://bi.example/d/1?a=1&b=(2)", Depth = 2, Via = ["t-1", "c-1"], Owners = ["@ceo", "ana@example.com"] },
                    new DownstreamEntry { Id = "d-2", Title = "Finance KPIs", Type = "dashboard", Url = "javascript:alert(1)", Depth = 2, Via = ["t-1", "c-1"], Acknowledged = true, AcknowledgedReason = "Moves to orders_v2 <b>this</b> release" },
                    new DownstreamEntry { Id = "x-1", Title = "orders_scratch", Type = "table", Depth = 1, Via = ["t-1"], Ignored = true },
                ],
            },
            new ImpactEntry
            {
                Source = new ImpactSource { Table = "ANALYTICS.STAGING.STG_PAYMENTS", SecodaId = "t-2", Models = ["model.shop.stg_payments"], File = "models/staging/stg_payments.sql" },
                Verdict = ImpactVerdict.Warn,
                Downstream =
                [
                    new DownstreamEntry { Id = "t-1", Title = "ORDERS", Type = "table", Depth = 1, Via = ["t-2"], FullName = "ANALYTICS.MARTS.ORDERS" },
                ],
            },
        ],
        Diagnostics =
        [
            DiagnosticCodes.BlockingImpact.Create("ANALYTICS.MARTS.ORDERS (contract 'orders') has 2 downstream consumer(s).", new SourceLocation("models/marts/orders.sql", 1, 1)),
            DiagnosticCodes.WarningImpact.Create("ANALYTICS.STAGING.STG_PAYMENTS (an uncontracted model) has 1 downstream consumer(s): ORDERS (table).", new SourceLocation("models/staging/stg_payments.sql", 1, 1)),
        ],
        Stats = new CheckStats { ChangedFiles = 2, MappedTables = 2, ApiRequests = 9, ElapsedMs = 321 },
        Coverage = new Coverage { Checked = ["ANALYTICS.MARTS.ORDERS", "ANALYTICS.STAGING.STG_PAYMENTS"] },
    };

    public static CheckResult Passing() => new()
    {
        Outcome = CheckOutcome.Pass,
        WorkspaceRoot = "/repo",
        ContractFile = "datacontracts.yml",
        Changes = [new ChangeEntry { File = "README.md", Status = ChangeStatus.Modified }],
        Impacts = [],
        Diagnostics = [],
        Stats = new CheckStats { ChangedFiles = 1, ElapsedMs = 12 },
        Coverage = new Coverage(),
    };

    /// <summary>One blocking model with <paramref name="consumers"/> dashboards, each with a long title.</summary>
    public static CheckResult Huge(int consumers) => Failing() with
    {
        Impacts =
        [
            new ImpactEntry
            {
                Source = new ImpactSource { Table = "ANALYTICS.MARTS.ORDERS", SecodaId = "t-1", Contract = "orders", File = "models/marts/orders.sql" },
                Verdict = ImpactVerdict.Fail,
                Downstream = [.. Enumerable.Range(1, consumers).Select(i => new DownstreamEntry
                {
                    Id = $"d-{i}",
                    Title = $"Dashboard {i:0000} " + new string('x', 150),
                    Type = "dashboard",
                    Url = $"https://bi.example/d/{i}",
                    Depth = 1 + (i % 3),
                    Via = ["t-1"],
                    Owners = [$"owner{i}@example.com"],
                })],
            },
        ],
    };
}
