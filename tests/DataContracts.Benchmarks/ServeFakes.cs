using DataContracts.Catalog.Snapshot;
using DataContracts.Fakes;

namespace DataContracts.Benchmarks;

/// <summary>
/// <c>serve-fakes SNAPSHOT</c>: the fake GitHub (pull request #7) and the fake Secoda, seeded from a catalog snapshot,
/// until standard input closes; prints the environment a check needs to reach them (<c>NAME=value</c> lines). For
/// measurements of whole CLI runs against both services by a script (tests/scripts/adapters-before-after.py).
/// </summary>
internal static class ServeFakes
{
    public static async Task RunAsync(string snapshotPath)
    {
        await using var github = await FakeGitHubServer.StartAsync();
        github.AddPullRequest(7, new FakeGitHubFile("samples/jaffle_shop/models/customers.sql"));
        await using var secoda = await FakeSecodaServer.StartAsync();
        var snapshot = (await SnapshotFile.ReadAsync(snapshotPath, CancellationToken.None)).Snapshot;
        foreach (var r in snapshot.Resources)
        {
            secoda.AddResource(new FakeResource(r.Id, r.Title)
            {
                EntityType = r.EntityType,
                NativeType = r.NativeType,
                Database = r.Database,
                Schema = r.Schema,
                IntegrationId = r.IntegrationId,
                Url = r.Url,
                Owners = r.Owners,
                ParentId = r.ParentId,
                DataType = r.DataType,
            });
        }

        foreach (var edge in snapshot.Lineage)
        {
            secoda.AddEdge(edge.From, edge.To);
        }

        Console.WriteLine($"GITHUB_API_URL={github.BaseUrl.AbsoluteUri.TrimEnd('/')}");
        Console.WriteLine($"GITHUB_TOKEN={github.Token}");
        Console.WriteLine($"GITHUB_REPOSITORY={github.Repository}");
        Console.WriteLine($"SECODA_API_URL={secoda.ApiUrl}");
        Console.WriteLine($"SECODA_API_TOKEN={secoda.Token}");
        await Console.Out.FlushAsync();
        await Console.In.ReadToEndAsync();
        Console.Error.WriteLine($"serve-fakes: {github.Requests.Count} GitHub requests, {secoda.Requests.Count} Secoda requests");
    }
}
