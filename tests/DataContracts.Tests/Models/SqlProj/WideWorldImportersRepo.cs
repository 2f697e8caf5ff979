namespace DataContracts.Tests.Models.SqlProj;

/// <summary>
/// A real git repository holding the WideWorldImporters-style database project (fixtures/sqlproj, see its
/// SOURCES.md) under <c>database/</c>, a catalog snapshot in Secoda's SQL Server naming and a contract file.
/// The base commit is on <c>main</c>; a test changes files on a branch and checks against <c>main</c>.
/// </summary>
internal static class WideWorldImportersRepo
{
    public const string Project = "database/WideWorldImporters";

    private static readonly string Fixture = Path.Combine(AppContext.BaseDirectory, "fixtures", "sqlproj", "WideWorldImporters");

    public static GitRepo Create(string sqlprojExtra = "")
    {
        var repo = new GitRepo();
        foreach (var file in Directory.EnumerateFiles(Fixture, "*", SearchOption.AllDirectories))
        {
            repo.Write($"{Project}/{Path.GetRelativePath(Fixture, file).Replace('\\', '/')}", File.ReadAllText(file));
        }

        repo.Write("snapshot.json", """
            {"version": 1, "resources": [
              {"id": "orders", "title": "Orders", "entityType": "table", "database": "WideWorldImporters", "schema": "Sales"},
              {"id": "customers", "title": "Customers", "entityType": "table", "database": "WideWorldImporters", "schema": "Sales"},
              {"id": "people", "title": "People", "entityType": "table", "database": "WideWorldImporters", "schema": "Application"},
              {"id": "stock", "title": "StockItems", "entityType": "table", "database": "WideWorldImporters", "schema": "Warehouse"},
              {"id": "webcustomers", "title": "Customers", "entityType": "table", "database": "WideWorldImporters", "schema": "Website"},
              {"id": "daily", "title": "DailyOrders", "entityType": "table", "database": "WideWorldImporters", "schema": "Sales"},
              {"id": "d1", "title": "Sales Dashboard", "entityType": "dashboard"},
              {"id": "d2", "title": "Website Health", "entityType": "dashboard"}
            ], "lineage": [
              {"from": "orders", "to": "d1"}, {"from": "customers", "to": "d1"}, {"from": "people", "to": "d1"},
              {"from": "stock", "to": "d1"}, {"from": "daily", "to": "d1"}, {"from": "webcustomers", "to": "d2"}
            ]}
            """);
        repo.Write("datacontracts.yml", $$"""
            version: 1
            secoda:
              snapshot: snapshot.json
            sqlproj:
              projects: ["{{Project}}/WideWorldImporters.sqlproj"]
            {{sqlprojExtra}}
            contracts:
              - name: sales
                models: ["{{Project}}/**/*.sql"]
            """);
        repo.Commit("base");
        repo.Git("checkout", "-q", "-b", "change");
        return repo;
    }

    public static string Read(GitRepo repo, string relative) => File.ReadAllText(Path.Combine(repo.Path, Project, relative));

    public static void Edit(GitRepo repo, string relative, string from, string to)
    {
        var text = Read(repo, relative);
        Assert.Contains(from, text, StringComparison.Ordinal);
        repo.Write($"{Project}/{relative}", text.Replace(from, to, StringComparison.Ordinal));
    }
}
