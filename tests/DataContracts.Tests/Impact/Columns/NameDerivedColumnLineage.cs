using System.Text.Json.Nodes;

namespace DataContracts.Tests.Impact.Columns;

/// <summary>
/// A catalog snapshot built from a real dbt project's production <c>manifest.json</c> and <c>catalog.json</c>, with
/// column lineage derived from column names, because no public fixture ships real column lineage:
/// <list type="bullet">
/// <item>every model, seed or snapshot in catalog.json is a table (id <c>t:</c> + its unique id, named by its
/// database, schema and alias as dbt would build it), and each of its catalog columns a column resource (id
/// <c>c:</c> + unique id + <c>.</c> + lower-cased column name) whose parent is the table;</item>
/// <item>table lineage is the manifest's <c>depends_on.nodes</c> between those tables;</item>
/// <item>for each such edge upstream → downstream, every downstream column whose name equals an upstream column's
/// name (case-insensitively) gets a column edge from it; the other downstream columns get none.</item>
/// </list>
/// Name matching is what a naive lineage tool would infer; it misses renamed or computed columns (they get no
/// edge), so a model whose columns are all renamed has no column lineage and counts as breaking. With
/// <c>withTypes</c> each column also carries its catalog type as <c>dataType</c>, as Secoda reports it.
/// </summary>
internal static class NameDerivedColumnLineage
{
    public static string TableId(string uniqueId) => "t:" + uniqueId;

    public static JsonObject Snapshot(JsonNode manifest, JsonNode catalog, bool withTypes = false)
    {
        var columns = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var types = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (id, node) in catalog["nodes"]!.AsObject())
        {
            columns[id] = [.. node!["columns"]!.AsObject().Select(c => c.Key)];
            foreach (var (name, column) in node["columns"]!.AsObject())
            {
                types[ColumnId(id, name)] = withTypes ? column!["type"]?.GetValue<string>() : null;
            }
        }

        var resources = new JsonArray();
        var lineage = new JsonArray();
        foreach (var (id, names) in columns.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var node = manifest["nodes"]![id]!;
            resources.Add(new JsonObject
            {
                ["id"] = TableId(id),
                ["title"] = node["alias"]?.GetValue<string>() ?? node["name"]!.GetValue<string>(),
                ["entityType"] = "table",
                ["database"] = node["database"]!.GetValue<string>(),
                ["schema"] = node["schema"]!.GetValue<string>(),
            });
            foreach (var name in names)
            {
                resources.Add(new JsonObject
                {
                    ["id"] = ColumnId(id, name),
                    ["title"] = name,
                    ["entityType"] = "column",
                    ["parentId"] = TableId(id),
                    ["dataType"] = types[ColumnId(id, name)],
                });
            }

            foreach (var upstream in node["depends_on"]!["nodes"]!.AsArray().Select(n => n!.GetValue<string>()).Where(columns.ContainsKey).Distinct(StringComparer.Ordinal))
            {
                lineage.Add(new JsonObject { ["from"] = TableId(upstream), ["to"] = TableId(id) });
                foreach (var name in names.Where(n => columns[upstream].Contains(n, StringComparer.OrdinalIgnoreCase)))
                {
                    lineage.Add(new JsonObject { ["from"] = ColumnId(upstream, name), ["to"] = ColumnId(id, name) });
                }
            }
        }

        return new JsonObject { ["version"] = 1, ["resources"] = resources, ["lineage"] = lineage };
    }

    /// <summary>
    /// The contract file of a repo at <c>repo/</c> whose production state is at <c>prod/</c>: the snapshot offline,
    /// this change's manifest and catalog under <c>target/</c>, one contract over <paramref name="models"/>.
    /// </summary>
    public static void WriteContractFile(TempFolder folder, string name, params string[] models) =>
        WriteContractFile(folder, name, ignore: null, models);

    /// <inheritdoc cref="WriteContractFile(TempFolder, string, string[])"/>
    /// <summary><paramref name="ignore"/>: Globs for <c>policy.ignore</c>, or null for no policy block.</summary>
    public static void WriteContractFile(TempFolder folder, string name, IReadOnlyList<string>? ignore, params string[] models) => folder.Write("repo/datacontracts.yml", $"""
        version: 1
        secoda:
          snapshot: snapshot.json
        dbt:
          manifest: target/manifest.json
          catalog: target/catalog.json
          state: ../prod
        {(ignore is null ? string.Empty : $"policy:\n  ignore: [{string.Join(", ", ignore.Select(g => $"\"{g}\""))}]\n")}contracts:
          - name: {name}
            models: [{string.Join(", ", models.Select(m => $"\"{m}\""))}]
        """);

    private static string ColumnId(string uniqueId, string column) => $"c:{uniqueId}.{column.ToLowerInvariant()}";
}
