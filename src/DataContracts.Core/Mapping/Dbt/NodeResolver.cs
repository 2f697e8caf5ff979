using DataContracts.Changes;

namespace DataContracts.Mapping.Dbt;

/// <summary>Resolves a model name, versioned name, unique id or path against the head manifest.</summary>
internal static class NodeResolver
{
    private static readonly string[] PathExtensions = [".sql", ".py", ".yml", ".yaml", ".csv"];

    public static IReadOnlyList<MappedModel> Resolve(DbtContext context, ManifestIndex head, string target)
    {
        var nodes = head.Manifest.Nodes;
        if (nodes.TryGetValue(target, out var byId))
        {
            return byId.IsRelational ? [ToModel(context, head, byId, target)] : [];
        }

        if (target.Contains('/', StringComparison.Ordinal) || target.Contains('\\', StringComparison.Ordinal)
            || PathExtensions.Any(e => target.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
        {
            var path = target.Replace('\\', '/').TrimStart('.', '/');
            foreach (var candidate in new[] { path, context.RootProject.Combine(path) })
            {
                var found = head.DefinedIn(candidate).Concat(head.PatchedBy(candidate)).Where(n => n.IsRelational && !n.IsDisabled).ToList();
                if (found.Count > 0)
                {
                    return [.. found.Select(n => ToModel(context, head, n, target))];
                }
            }

            return [];
        }

        var models = nodes.Values.Where(n => n.ResourceType is "model" or "seed" or "snapshot").ToList();
        var (name, version) = SplitVersion(target);
        var matches = models.Where(n => n.Name == name && (version is null || n.Version == version)).ToList();
        if (matches.Count == 0 && version is null && target.Contains('.', StringComparison.Ordinal))
        {
            // package.name, or a name whose version suffix was written with an underscore alias.
            var dot = target.LastIndexOf('.');
            var package = target[..dot];
            var bare = target[(dot + 1)..];
            matches = [.. models.Where(n => n.PackageName == package && n.Name == bare)];
        }

        if (matches.Count == 0)
        {
            matches = [.. models.Where(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase) && (version is null || n.Version == version))];
        }

        return [.. matches.OrderBy(n => n.UniqueId, StringComparer.Ordinal).Select(n => ToModel(context, head, n, target))];
    }

    /// <summary><c>orders.v2</c> → (orders, 2); anything else → (target, null).</summary>
    private static (string Name, string? Version) SplitVersion(string target)
    {
        var index = target.LastIndexOf(".v", StringComparison.OrdinalIgnoreCase);
        if (index > 0 && index + 2 < target.Length && target.AsSpan(index + 2).IndexOfAnyExcept("0123456789.") < 0)
        {
            return (target[..index], target[(index + 2)..]);
        }

        return (target, null);
    }

    private static MappedModel ToModel(DbtContext context, ManifestIndex head, ManifestNode node, string target)
    {
        var file = head.ModelFileOf(node);
        return new MappedModel
        {
            File = file ?? target,
            Status = ChangeStatus.Modified,
            Id = node.UniqueId,
            Name = ManifestMapper.DisplayName(node),
            ModelFile = file,
            Table = context.ProductionTable(node),
            Kind = MappingKind.DbtManifest,
            Reason = $"named '{target}'",
        };
    }
}
