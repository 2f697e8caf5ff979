using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DataContracts.Mapping.Dbt;

/// <summary>
/// The mapping without a manifest: model name from the file name, <c>config(...)</c> from the SQL and
/// <c>+schema</c>/<c>+database</c>/<c>+alias</c>/<c>+enabled</c> from dbt_project.yml. The target schema
/// and database are unknown, and custom schemas are usually prefixed by dbt, so results are approximate.
/// </summary>
internal static class ApproximateMapper
{
    public sealed record Result(ImmutableArray<MappedModel> Models, ImmutableArray<Diagnostic> Diagnostics)
    {
        public int Count => Models.Length;
    }

    public static async Task<ModelMapping> MapAsync(DbtContext context, IReadOnlyList<ChangedFile> changes, IBaseContentReader baseContent, CancellationToken cancellationToken)
    {
        var collector = new MappingCollector();
        foreach (var change in changes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await MapPathAsync(context, change.Path, change, fromOldPath: false, baseContent, collector, cancellationToken).ConfigureAwait(false);
            if (change.Status == ChangeStatus.Renamed && !string.IsNullOrEmpty(change.OldPath))
            {
                await MapPathAsync(context, change.OldPath, change, fromOldPath: true, baseContent, collector, cancellationToken).ConfigureAwait(false);
            }
        }

        if (collector.Models.Count > 0)
        {
            collector.Diagnostics.Insert(0, ApproximateWarning(collector.Models.Count));
        }

        return collector.Build(DbtGraph.Empty);
    }

    internal static Diagnostic ApproximateWarning(int count) => DiagnosticCodes.DbtApproximateMapping.Create(
        $"{count} dbt model(s) were mapped without a manifest: names come from file names, config() and dbt_project.yml; the target database and schema are unknown, and a configured custom schema is a guess (dbt's default generate_schema_name prefixes it with the target schema).",
        hint: "Run `dbt parse` and pass target/manifest.json with --manifest or `dbt.manifest` in datacontracts.yml for an exact mapping and dbt's own lineage.");

    private static async Task MapPathAsync(DbtContext context, string path, ChangedFile change, bool fromOldPath, IBaseContentReader baseContent, MappingCollector collector, CancellationToken cancellationToken)
    {
        if (PackageRoots.IsInstalledOrGenerated(path))
        {
            return;
        }

        if (context.IsProjectWideFile(path))
        {
            collector.Diagnostics.Add(ManifestMapper.ProjectWide(path));
            return;
        }

        if (context.ResourceFolderOf(path) is not { } folder)
        {
            return;
        }

        var gone = fromOldPath || change.Status == ChangeStatus.Deleted;
        if (folder.Kind == DbtFolderKind.Macros)
        {
            collector.Diagnostics.Add(DiagnosticCodes.DbtMacroWithoutManifest.Create(
                $"Macro file '{path}' changed, but without a manifest the models that use it cannot be known.",
                new SourceLocation(path, 1, 1),
                "Pass target/manifest.json (--manifest or dbt.manifest) so macro changes map to every model that uses them."));
            return;
        }

        string? text = null;
        if (!gone && !change.HeadUnreadable)
        {
            text = await ReadTextAsync(context.FullPath(path), path, cancellationToken).ConfigureAwait(false);
        }

        text ??= await baseContent.ReadAsync(path, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            collector.Unmapped.Add(path);
            return;
        }

        var verb = fromOldPath ? $"renamed to {change.Path}" : change.Status.ToString().ToLowerInvariant();
        var result = MapText(context, path, change, text, $"file {verb}");
        foreach (var model in result.Models)
        {
            collector.Add(model);
        }

        collector.Diagnostics.AddRange(result.Diagnostics);
        if (result.Count == 0 && result.Diagnostics.Length == 0 && folder.Kind is DbtFolderKind.Models or DbtFolderKind.Seeds or DbtFolderKind.Snapshots)
        {
            collector.Unmapped.Add(path);
        }
    }

    /// <summary>Maps one file's text (head or base) by its folder kind and extension.</summary>
    public static Result MapText(DbtContext context, string path, ChangedFile change, string text, string reason)
    {
        if (context.ResourceFolderOf(path) is not { } folder)
        {
            return new Result([], []);
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var fileName = Path.GetFileNameWithoutExtension(path);
        var models = ImmutableArray.CreateBuilder<MappedModel>();
        var diagnostics = ImmutableArray.CreateBuilder<Diagnostic>();
        var package = folder.Root.Name;

        switch (folder.Kind, extension)
        {
            case (DbtFolderKind.Models, ".sql" or ".py"):
                {
                    var config = Merge(DbtProjectFile.ResolveConfig(folder.Root.Project.Models, folder.Root.Project.Name, folder.Folders), JinjaConfigParser.Parse(text).Config);
                    AddModel("model", fileName, config, line: 1);
                    break;
                }

            case (DbtFolderKind.Seeds, ".csv"):
                AddModel("seed", fileName, DbtProjectFile.ResolveConfig(folder.Root.Project.Seeds, folder.Root.Project.Name, folder.Folders), line: 1);
                break;

            case (DbtFolderKind.Snapshots, ".sql"):
                {
                    var parsed = JinjaConfigParser.Parse(text);
                    var config = Merge(DbtProjectFile.ResolveConfig(folder.Root.Project.Snapshots, folder.Root.Project.Name, folder.Folders), parsed.Config);
                    foreach (var name in parsed.SnapshotNames)
                    {
                        AddModel("snapshot", name, config, LineOf(text, "snapshot " + name));
                    }

                    break;
                }

            case (DbtFolderKind.Models, ".yml" or ".yaml"):
                foreach (var (name, line) in ModelNamesInYaml(text, path))
                {
                    if (FindModelFile(context, folder.Root, name) is { } modelPath
                        && ReadText(context.FullPath(modelPath), modelPath) is { } modelText
                        && context.ResourceFolderOf(modelPath) is { } modelFolder)
                    {
                        var config = Merge(DbtProjectFile.ResolveConfig(folder.Root.Project.Models, folder.Root.Project.Name, modelFolder.Folders), JinjaConfigParser.Parse(modelText).Config);
                        AddModel("model", name, config, line, modelPath, $"properties in {path}");
                    }
                }

                break;
        }

        return new Result(models.ToImmutable(), diagnostics.ToImmutable());

        void AddModel(string type, string name, ImmutableDictionary<string, string> config, int line, string? modelFile = null, string? why = null)
        {
            var id = $"{type}.{package}.{name}";
            if (config.TryGetValue("enabled", out var enabled) && enabled.Equals("false", StringComparison.OrdinalIgnoreCase))
            {
                diagnostics.Add(DiagnosticCodes.DbtDisabledNode.Create(
                    $"{id} is disabled (enabled: false), so it builds no relation.",
                    new SourceLocation(change.Path, line, 1),
                    "Nothing to check while the model is disabled."));
                return;
            }

            var ephemeral = config.TryGetValue("materialized", out var materialized) && materialized.Equals("ephemeral", StringComparison.OrdinalIgnoreCase);
            var schema = Known(config, "schema") ?? Known(config, "target_schema");
            var database = Known(config, "database") ?? Known(config, "target_database");
            var alias = Known(config, "alias") ?? name;
            var note = schema is null
                ? "approximate: target schema unknown"
                : $"approximate: schema '{schema}' is the configured custom schema, dbt usually writes <target_schema>_{schema}";
            models.Add(new MappedModel
            {
                File = change.Path,
                Status = change.Status,
                Id = id,
                Name = name,
                ModelFile = modelFile ?? path,
                Table = ephemeral ? null : new TableName(database, schema, alias),
                Kind = MappingKind.DbtApproximate,
                Reason = $"{why ?? reason} ({note})",
                Line = line,
            });
        }
    }

    /// <summary>Maps a model by name or path without a manifest (for <see cref="DbtProject.Resolve"/>).</summary>
    public static IReadOnlyList<MappedModel> Resolve(DbtContext context, string target)
    {
        var path = target.Replace('\\', '/');
        if (!path.Contains('/', StringComparison.Ordinal))
        {
            path = FindModelFile(context, context.RootProject, target) ?? path;
        }

        foreach (var candidate in new[] { path, context.RootProject.Combine(path) })
        {
            if (ReadText(context.FullPath(candidate), candidate) is { } text)
            {
                var change = new ChangedFile(candidate, ChangeStatus.Modified);
                return MapText(context, candidate, change, text, $"named '{target}'").Models;
            }
        }

        return [];
    }

    private static string? FindModelFile(DbtContext context, PackageRoot root, string name)
    {
        foreach (var folder in root.Project.ModelPaths)
        {
            var full = context.FullPath(root.Combine(folder));
            if (!Directory.Exists(full))
            {
                continue;
            }

            foreach (var extension in new[] { ".sql", ".py" })
            {
                var match = FilesNamed(full, name + extension).Order(StringComparer.Ordinal).FirstOrDefault();
                if (match is not null)
                {
                    return Path.GetRelativePath(context.WorkspaceRoot, match).Replace('\\', '/');
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Files named <paramref name="fileName"/> below <paramref name="folder"/>, never a symlink nor through a symlinked folder: a
    /// link loop (<c>models/x -> ..</c>) would otherwise find the model again under another path that no contract
    /// names, and a link to <c>/</c> would search the whole machine.
    /// </summary>
    private static IEnumerable<string> FilesNamed(string folder, string fileName) =>
        new System.IO.Enumeration.FileSystemEnumerable<string>(folder, (ref System.IO.Enumeration.FileSystemEntry entry) => entry.ToFullPath(), new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 })
        {
            ShouldIncludePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => !entry.IsDirectory && !entry.Attributes.HasFlag(FileAttributes.ReparsePoint) && entry.FileName.Equals(fileName, StringComparison.Ordinal),
            ShouldRecursePredicate = (ref System.IO.Enumeration.FileSystemEntry entry) => !entry.Attributes.HasFlag(FileAttributes.ReparsePoint),
        };

    /// <summary>Names under a properties file's top-level <c>models:</c> list, with their lines.</summary>
    private static List<(string Name, int Line)> ModelNamesInYaml(string text, string path)
    {
        var result = new List<(string, int)>();
        var stream = new YamlStream();
        try
        {
            stream.Load(Contracts.YamlDepth.Parser(text));
        }
        catch (Contracts.YamlTooDeepException e)
        {
            // Read leniently otherwise (dbt reports its own YAML errors), but a file built to exhaust the stack is refused.
            throw new InputException(DiagnosticCodes.DbtYamlTooDeep.Create(
                $"The dbt properties file '{path}' cannot be read: {e.Message}",
                new SourceLocation(path, (int)e.Start.Line, (int)e.Start.Column),
                "Real dbt YAML nests a few levels deep; check what generated this file."));
        }
        catch (YamlException)
        {
            return result;
        }

        foreach (var document in stream.Documents)
        {
            if (document.RootNode is YamlMappingNode root
                && root.Children.TryGetValue(new YamlScalarNode("models"), out var models)
                && models is YamlSequenceNode list)
            {
                foreach (var entry in list.Children.OfType<YamlMappingNode>())
                {
                    if (entry.Children.TryGetValue(new YamlScalarNode("name"), out var nameNode) && nameNode is YamlScalarNode { Value: { } name })
                    {
                        result.Add((name, (int)nameNode.Start.Line));
                    }
                }
            }
        }

        return result;
    }

    private static ImmutableDictionary<string, string> Merge(ImmutableDictionary<string, string> project, ImmutableDictionary<string, string> file) =>
        project.SetItems(file);

    /// <summary>A config value, unless it is Jinja that only dbt can render.</summary>
    private static string? Known(ImmutableDictionary<string, string> config, string key) =>
        config.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) && !value.Contains("{{", StringComparison.Ordinal) && !value.Contains("{%", StringComparison.Ordinal)
            ? value.Trim()
            : null;

    private static int LineOf(string text, string needle)
    {
        var index = text.IndexOf(needle, StringComparison.Ordinal);
        return index < 0 ? 1 : text.AsSpan(0, index).Count('\n') + 1;
    }

    private static string? ReadText(string fullPath, string displayPath)
    {
        try
        {
            return File.Exists(fullPath) ? IO.BoundedFile.ReadAllText(fullPath, displayPath) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static async Task<string?> ReadTextAsync(string fullPath, string displayPath, CancellationToken cancellationToken)
    {
        try
        {
            return File.Exists(fullPath) ? await IO.BoundedFile.ReadAllTextAsync(fullPath, displayPath, cancellationToken).ConfigureAwait(false) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
