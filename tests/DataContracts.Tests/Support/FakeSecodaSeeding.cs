using DataContracts.Catalog.Snapshot;
using DataContracts.Fakes;

namespace DataContracts.Tests.Support;

/// <summary>Serves a snapshot's resources and lineage from the fake Secoda, so one data set answers offline and live.</summary>
internal static class FakeSecodaSeeding
{
    /// <summary><paramref name="upperCaseTables"/>: Store table names upper-case, as Snowflake does, to test case-insensitive matching.</summary>
    public static async Task SeedFromSnapshotAsync(this FakeSecodaServer server, string snapshotPath, bool upperCaseTables, CancellationToken cancellationToken)
    {
        var snapshot = (await SnapshotFile.ReadAsync(snapshotPath, cancellationToken)).Snapshot;
        foreach (var r in snapshot.Resources)
        {
            var upper = upperCaseTables && r.EntityType == "table";
            server.AddResource(new FakeResource(r.Id, upper ? r.Title.ToUpperInvariant() : r.Title)
            {
                EntityType = r.EntityType,
                NativeType = r.NativeType,
                Database = upper ? r.Database?.ToUpperInvariant() : r.Database,
                Schema = upper ? r.Schema?.ToUpperInvariant() : r.Schema,
                IntegrationId = r.IntegrationId,
                Url = r.Url,
                Owners = r.Owners,
                ParentId = r.ParentId,
                DataType = r.DataType,
            });
        }

        foreach (var edge in snapshot.Lineage)
        {
            server.AddEdge(edge.From, edge.To);
        }
    }
}
