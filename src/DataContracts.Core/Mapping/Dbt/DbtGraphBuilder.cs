using System.Collections.Immutable;

namespace DataContracts.Mapping.Dbt;

/// <summary>Builds <see cref="DbtGraph"/> from a manifest: dbt's lineage without tests and unit tests.</summary>
internal static class DbtGraphBuilder
{
    private static readonly HashSet<string> GraphTypes = new(StringComparer.Ordinal)
    {
        "model", "seed", "snapshot", "source", "exposure", "metric", "semantic_model", "saved_query",
    };

    /// <param name="production">The state manifest: nodes it has are shown and looked up under their production relation.</param>
    public static DbtGraph Build(ManifestIndex index, ManifestIndex? production = null)
    {
        var manifest = index.Manifest;
        var nodes = ImmutableDictionary.CreateBuilder<string, DbtNode>(StringComparer.Ordinal);
        foreach (var node in manifest.Nodes.Values)
        {
            if (!GraphTypes.Contains(node.ResourceType))
            {
                continue;
            }

            nodes[node.UniqueId] = new DbtNode
            {
                UniqueId = node.UniqueId,
                Name = node.Name ?? node.UniqueId,
                ResourceType = node.ResourceType,
                Subtype = node.ExposureType,
                Table = production is not null && production.Manifest.Nodes.TryGetValue(node.UniqueId, out var deployed) && deployed.Table is { } table ? table : node.Table,
                File = index.ModelFileOf(node),
                Url = string.IsNullOrEmpty(node.Url) ? null : node.Url,
                Owners = Owner(node),
                Ephemeral = node.ResourceType == "model" && node.IsEphemeral,
            };
        }

        // child_map is optional (null in some compile-only manifests): rebuild it from depends_on.nodes.
        var children = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        if (manifest.ChildMap is { } childMap)
        {
            foreach (var (parent, list) in childMap)
            {
                foreach (var child in list)
                {
                    AddEdge(children, nodes, parent, child);
                }
            }
        }
        else
        {
            foreach (var node in manifest.Nodes.Values)
            {
                foreach (var parent in node.DependsOnNodes)
                {
                    AddEdge(children, nodes, parent, node.UniqueId);
                }
            }
        }

        return new DbtGraph
        {
            Nodes = nodes.ToImmutable(),
            Children = children.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutableArray(), StringComparer.Ordinal),
        };
    }

    private static void AddEdge(Dictionary<string, SortedSet<string>> children, ImmutableDictionary<string, DbtNode>.Builder nodes, string parent, string child)
    {
        if (!nodes.ContainsKey(parent) || !nodes.ContainsKey(child))
        {
            return;
        }

        if (!children.TryGetValue(parent, out var set))
        {
            set = new SortedSet<string>(StringComparer.Ordinal);
            children[parent] = set;
        }

        set.Add(child);
    }

    private static ImmutableArray<string> Owner(ManifestNode node)
    {
        var name = string.IsNullOrWhiteSpace(node.OwnerName) ? null : node.OwnerName.Trim();
        var email = string.IsNullOrWhiteSpace(node.OwnerEmail) ? null : node.OwnerEmail.Trim();
        return (name, email) switch
        {
            (null, null) => [],
            (not null, null) => [name],
            (null, not null) => [email],
            _ => [$"{name} <{email}>"],
        };
    }
}
