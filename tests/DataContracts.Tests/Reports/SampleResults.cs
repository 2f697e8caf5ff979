using DataContracts.Application;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Impact;

namespace DataContracts.Tests.Reports;

/// <summary>Results built by hand for renderer tests, with catalog text that tries to break out of its context.</summary>
internal static class SampleResults
{
    public static CheckResult Failing() => new()
    {
        Outcome = CheckOutcome.Fail,
        WorkspaceRoot = "/repo",
        ContractFile = "datacontracts.yml",
        CatalogSource = "https://api.secoda.co/api/v1/",
        Changes =
        [
            new ChangeEntry { File = "models/marts/orders.sql", Status = ChangeStatus.Modified, Models = ["model.shop.orders"], Table = "ANALYTICS.MARTS.ORDERS", SecodaId = "t-1", Contract = "orders", Reason = "file modified" },
        ],
        Impacts =
        [
            new ImpactEntry
            {
                Source = new ImpactSource { Table = "ANALYTICS.MARTS.ORDERS", SecodaId = "t-1", Contract = "orders", Models = ["model.shop.orders"], File = "models/marts/orders.sql", Line = 1, Owners = ["@acme/finance"] },
                Verdict = ImpactVerdict.Fail,
                Downstream =
                [
                    new DownstreamEntry { Id = "d-1", Title = "Finance <b>KPIs</b> | @ceo [x](javascript:alert(1))", Type = "dashboard", NativeType = "dashboard", Url = "https://bi.example/d/1", Depth = 2, Via = ["t-1", "c-1"], Owners = ["ana@example.com"] },
                    new DownstreamEntry { Id = "c-1", Title = "Revenue", Type = "chart", Depth = 1, Via = ["t-1"], Acknowledged = true, AcknowledgedReason = "migrating" },
                ],
            },
        ],
        Diagnostics =
        [
            DiagnosticCodes.BlockingImpact.Create("ANALYTICS.MARTS.ORDERS (contract 'orders') has 1 downstream consumer(s): Finance KPIs (dashboard).", new SourceLocation("models/marts/orders.sql", 1, 1), "Coordinate with the owners."),
            DiagnosticCodes.TableNotInCatalog.Create("STAGING.X was not found, 50% sure,\nsecond line", new SourceLocation("models/staging/x.sql", 3, 1)),
        ],
        Stats = new CheckStats { ChangedFiles = 2, MappedTables = 2, Unresolved = 1, ApiRequests = 7, ElapsedMs = 12 },
        Coverage = new Coverage { Checked = ["ANALYTICS.MARTS.ORDERS"], Unchecked = ["STAGING.X"] },
    };
}
