using System.Text.Json.Nodes;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Impact.Columns;

/// <summary>
/// Column-level impact for a logic change: on Recce's pr2 jaffle_shop with name-derived column lineage (as in
/// <see cref="NameDerivedColumnImpactTests"/>), stg_orders now upper-cases <c>status</c>. Only that column's values
/// change, so only orders (which reads it) is affected; the consumers that read other columns are <c>breaks: false</c>.
/// A new filter changes rows for every column, so nobody is spared.
/// </summary>
public class LogicColumnImpactTests
{
    private const string Orders = "model.jaffle_shop.stg_orders";

    private static async Task<JsonNode> RunAsync(string replace, string with)
    {
        using var folder = new TempFolder();
        var pr2 = Path.Combine(AppContext.BaseDirectory, "fixtures", "dbt", "recce", "pr2");
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(pr2, "manifest.json")))!;
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(pr2, "catalog.json")))!;
        folder.Write("prod/manifest.json", manifest.ToJsonString());
        folder.Write("prod/catalog.json", catalog.ToJsonString());
        folder.Write("repo/snapshot.json", NameDerivedColumnLineage.Snapshot(manifest, catalog).ToJsonString());
        var node = manifest["nodes"]![Orders]!;
        foreach (var field in new[] { "raw_code", "compiled_code" })
        {
            var text = node[field]!.GetValue<string>();
            Assert.Contains(replace, text, StringComparison.Ordinal);
            node[field] = text.Replace(replace, with, StringComparison.Ordinal);
        }

        folder.Write("repo/target/manifest.json", manifest.ToJsonString());
        folder.Write("repo/target/catalog.json", catalog.ToJsonString());
        folder.Write("repo/changed.txt", "M\tmodels/staging/stg_orders.sql\n");
        NameDerivedColumnLineage.WriteContractFile(folder, "staging", "stg_orders");

        var run = await CliRunner.RunAsync(Path.Combine(folder.Path, "repo"), null, null, "check", "--changed-files", "changed.txt", "--format", "json");
        Assert.True(run.ExitCode == ExitCodes.Success, run.All);
        return JsonNode.Parse(run.Out)!;
    }

    private static bool? Breaks(JsonNode impact, string title) =>
        Assert.Single(impact["downstream"]!.AsArray(), d => d!["title"]!.GetValue<string>() == title)!["breaks"]?.GetValue<bool>();

    [Fact]
    public async Task OnlyTheReadersOfTheChangedColumnAreAffected()
    {
        var report = await RunAsync("        status\n", "        upper(status) as status\n");

        var change = Assert.Single(report["changes"]!.AsArray())!;
        Assert.Equal("logic", change["kind"]!.GetValue<string>());
        Assert.Contains(change["reasons"]!.AsArray(), r => r!.GetValue<string>().StartsWith("values of column status may change", StringComparison.Ordinal));
        var impact = Assert.Single(report["impacts"]!.AsArray())!;
        Assert.True(Breaks(impact, "orders"));
        Assert.False(Breaks(impact, "int_customer_orders"));
        Assert.False(Breaks(impact, "customer_segments"));
        Assert.Equal("warn", impact["verdict"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANewFilterSparesNobody()
    {
        var report = await RunAsync("    from source\n", "    from source\n    where status <> 'returned'\n");

        var change = Assert.Single(report["changes"]!.AsArray())!;
        Assert.Equal("logic", change["kind"]!.GetValue<string>());
        Assert.Contains(change["reasons"]!.AsArray(), r => r!.GetValue<string>() == "rows or values may change: where changed");
        var impact = Assert.Single(report["impacts"]!.AsArray())!;
        Assert.NotEmpty(impact["downstream"]!.AsArray());
        Assert.All(impact["downstream"]!.AsArray(), d => Assert.Null(d!["breaks"]?.GetValue<bool>()));
    }
}
