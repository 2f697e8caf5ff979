using System.Collections.Immutable;
using DataContracts.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// What the mapper reads from a <c>dbt_project.yml</c>: the project name, its resource folders and the
/// <c>models:</c>/<c>seeds:</c>/<c>snapshots:</c> config trees (used only when there is no manifest).
/// </summary>
internal sealed record DbtProjectFile
{
    public const string FileName = "dbt_project.yml";

    public string? Name { get; init; }

    public ImmutableArray<string> ModelPaths { get; init; } = ["models"];

    public ImmutableArray<string> SeedPaths { get; init; } = ["seeds"];

    public ImmutableArray<string> SnapshotPaths { get; init; } = ["snapshots"];

    public ImmutableArray<string> MacroPaths { get; init; } = ["macros"];

    public ImmutableArray<string> TestPaths { get; init; } = ["tests"];

    public ImmutableArray<string> AnalysisPaths { get; init; } = ["analyses"];

    public YamlMappingNode? Models { get; init; }

    public YamlMappingNode? Seeds { get; init; }

    public YamlMappingNode? Snapshots { get; init; }

    /// <summary>Every folder that holds dbt resources, for deciding whether a changed file is a dbt file.</summary>
    public IEnumerable<string> AllResourcePaths =>
        ModelPaths.Concat(SeedPaths).Concat(SnapshotPaths).Concat(MacroPaths).Concat(TestPaths).Concat(AnalysisPaths);

    public static DbtProjectFile Default { get; } = new();

    /// <summary>Reads the file; null when it does not exist. Bad YAML is an <see cref="InputException"/> (DC4007).</summary>
    public static async Task<DbtProjectFile?> TryReadAsync(string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(fullPath))
        {
            return null;
        }

        string text;
        try
        {
            text = await IO.BoundedFile.ReadAllTextAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw Invalid(displayPath, ex.Message, 0, 0);
        }

        return Parse(text, displayPath);
    }

    public static DbtProjectFile Parse(string text, string displayPath)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(Contracts.YamlDepth.Parser(text));
        }
        catch (YamlException ex)
        {
            throw Invalid(displayPath, ex.Message, (int)ex.Start.Line, (int)ex.Start.Column);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return Default;
        }

        return new DbtProjectFile
        {
            Name = Scalar(root, "name"),
            ModelPaths = Paths(root, "model-paths") ?? Paths(root, "source-paths") ?? ["models"],
            SeedPaths = Paths(root, "seed-paths") ?? Paths(root, "data-paths") ?? ["seeds"],
            SnapshotPaths = Paths(root, "snapshot-paths") ?? ["snapshots"],
            MacroPaths = Paths(root, "macro-paths") ?? ["macros"],
            TestPaths = Paths(root, "test-paths") ?? ["tests"],
            AnalysisPaths = Paths(root, "analysis-paths") ?? ["analyses"],
            Models = Child(root, "models") as YamlMappingNode,
            Seeds = Child(root, "seeds") as YamlMappingNode,
            Snapshots = Child(root, "snapshots") as YamlMappingNode,
        };
    }

    /// <summary>
    /// Resolves <c>+schema</c>, <c>+database</c>, <c>+alias</c>, <c>+enabled</c>, <c>+materialized</c> for a
    /// resource at <paramref name="folders"/> (its folders below the resource path), the way dbt layers
    /// them: the whole section, then the project's key, then each folder; deeper wins.
    /// </summary>
    public static ImmutableDictionary<string, string> ResolveConfig(YamlMappingNode? section, string? projectName, IReadOnlyList<string> folders)
    {
        var result = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (section is null)
        {
            return result.ToImmutable();
        }

        Apply(section, result);
        if (projectName is not null && Child(section, projectName) is YamlMappingNode project)
        {
            Apply(project, result);
            var current = project;
            foreach (var folder in folders)
            {
                if (Child(current, folder) is not YamlMappingNode next)
                {
                    break;
                }

                Apply(next, result);
                current = next;
            }
        }

        return result.ToImmutable();
    }

    private static readonly string[] ConfigKeys = ["schema", "database", "alias", "enabled", "materialized", "target_schema", "target_database"];

    private static void Apply(YamlMappingNode node, ImmutableDictionary<string, string>.Builder into)
    {
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode { Value: { } k } || value is not YamlScalarNode { Value: { } v })
            {
                continue;
            }

            var name = k.TrimStart('+');
            if (ConfigKeys.Contains(name, StringComparer.Ordinal))
            {
                into[name] = v;
            }
        }
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static ImmutableArray<string>? Paths(YamlMappingNode node, string key) =>
        Child(node, key) switch
        {
            YamlSequenceNode seq => [.. seq.Children.OfType<YamlScalarNode>().Select(s => s.Value).OfType<string>().Select(NormalizeFolder)],
            YamlScalarNode { Value: { } single } => [NormalizeFolder(single)],
            _ => null,
        };

    private static string NormalizeFolder(string path) => path.Replace('\\', '/').Trim().TrimStart('.', '/').TrimEnd('/');

    private static InputException Invalid(string displayPath, string reason, int line, int column) =>
        new(DiagnosticCodes.DbtProjectFileInvalid.Create(
            $"'{displayPath}' cannot be parsed: {reason}",
            new SourceLocation(displayPath, line, column),
            "Fix the YAML syntax; `dbt parse` reports the same problem."));
}
