using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Changes;
using DataContracts.Classification;
using DataContracts.Contracts;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;
using DataContracts.Mapping.Sql;

namespace DataContracts.Application;

/// <summary>
/// Gathers the evidence for every changed model (production and head manifests, both dbt catalogs, the
/// catalog's columns of the production table, the SQL of both sides) and asks the pure
/// <see cref="ChangeClassifier"/> for its class. Ephemeral models are classified through the models that
/// materialize them.
/// </summary>
internal static partial class ChangeClassifying
{
    /// <summary><paramref name="productionIds"/>: Model id → the catalog id of its production table, where found.</summary>
    public static async Task<IReadOnlyDictionary<string, ChangeClassification>> ClassifyAsync(
        CheckRun run,
        IReadOnlyList<MappedModel> models,
        ICatalog catalog,
        IReadOnlyDictionary<string, string> productionIds,
        IBaseContentReader baseContent,
        CancellationToken cancellationToken)
    {
        var dbt = run.Collector.Dbt;
        var state = run.Collector.State;
        // A fork's catalog.json is its own word about its tables: used only where the check workflow trusts it.
        var headCatalog = state.HeadCatalogPath is { } h && run.ForkHead is null or { ArtifactsTrusted: true, ManifestIsHeads: true } ? await DbtCatalogFile.ReadAsync(h, PathDisplay.ToWorkspaceRelative(h, run.WorkspaceRoot), cancellationToken).ConfigureAwait(false) : null;
        var baseCatalog = state.BaseCatalogPath is { } b ? await DbtCatalogFile.ReadAsync(b, PathDisplay.ToWorkspaceRelative(b, run.WorkspaceRoot), cancellationToken).ConfigureAwait(false) : null;

        var manifestModels = models.Where(m => m.Kind == MappingKind.DbtManifest).ToList();
        var descendants = dbt is null
            ? new Dictionary<string, IReadOnlyList<string>>()
            : manifestModels.Where(m => m.Table is null).DistinctBy(m => m.Id).ToDictionary(m => m.Id, m => dbt.MaterializedDescendants(m.Id), StringComparer.Ordinal);
        var wanted = manifestModels.Select(m => m.Id).Concat(descendants.Values.SelectMany(d => d)).ToHashSet(StringComparer.Ordinal);

        // The catalog's columns are evidence only where the production manifest is compared (ClassifyNode); a
        // plain SQL file or a git-base comparison never reads them, so their tables cost no request.
        var tableIds = dbt?.HasBaseManifest == true
            ? productionIds.Where(p => wanted.Contains(p.Key)).Select(p => p.Value).Distinct(StringComparer.Ordinal).ToArray()
            : [];
        // A table whose columns the catalog does not know comes back empty: that is no evidence, not "no columns".
        IReadOnlyDictionary<string, IReadOnlyList<CatalogColumn>> secoda = tableIds.Length == 0
            ? new Dictionary<string, IReadOnlyList<CatalogColumn>>()
            : (await catalog.GetColumnsAsync(tableIds, cancellationToken).ConfigureAwait(false))
                .Where(t => t.Value.Count > 0)
                .ToDictionary(t => t.Key, t => (IReadOnlyList<CatalogColumn>)[.. t.Value.Select(c => new CatalogColumn(c.Id, c.Title, c.DataType))], StringComparer.OrdinalIgnoreCase);
        var (headFacts, baseFacts) = dbt is null
            ? (new Dictionary<string, NodeFacts>(), new Dictionary<string, NodeFacts>())
            : await dbt.ReadFactsAsync(wanted, cancellationToken).ConfigureAwait(false);

        var dialect = Dialect(dbt?.AdapterType);
        headFacts = Deferred(headFacts, dbt?.Deferral ?? RelationNames.None, dialect);
        var context = new Context(dbt, headCatalog, baseCatalog, secoda, productionIds, headFacts, baseFacts, dialect);
        var result = new Dictionary<string, ChangeClassification>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            if (result.ContainsKey(model.Id))
            {
                continue;
            }

            result[model.Id] = state.UnavailableReason is { } unavailable
                ? ChangeClassification.Unknown(unavailable)
                : model.HeadUnreadable
                ? ChangeClassification.Unknown($"{model.File} could not be read safely (a symlink leading outside the repository), so what it is now is unknown")
                : model.Kind switch
                {
                    MappingKind.DbtManifest or MappingKind.DbtApproximate when run.ForkHead is { } fork && (!fork.ArtifactsTrusted || !fork.ManifestIsHeads || model.Kind == MappingKind.DbtApproximate)
                        => await FromForkAsync(context, model, fork, run.WorkspaceRoot, cancellationToken).ConfigureAwait(false),
                    MappingKind.DbtManifest when dbt?.HasBaseManifest == true => ThroughMacro(context, model, ClassifyNode(context, model.Id, descendants.GetValueOrDefault(model.Id))),
                    MappingKind.DbtManifest or MappingKind.DbtApproximate => await FromGitAsync(context, model, baseContent, run.WorkspaceRoot, cancellationToken).ConfigureAwait(false),
                    MappingKind.SqlProject when run.Collector.SqlProj?.SidesOf(model) is { } sides => SqlObjectClassifier.Classify(sides.Base, sides.Head, sides.HasBase, sides.BaseUnreadable, sides.RenamedTo),
                    MappingKind.Sql => await SqlChangeClassifying.ClassifyAsync(run, model, baseContent, cancellationToken).ConfigureAwait(false),
                    _ => ChangeClassification.Unknown("a file mapped by its contract's table: or secoda_id: has no definition to compare"),
                };
        }

        return result;
    }

    private sealed record Context(
        DbtProject? Dbt,
        DbtCatalogFile? HeadCatalog,
        DbtCatalogFile? BaseCatalog,
        IReadOnlyDictionary<string, IReadOnlyList<CatalogColumn>> Secoda,
        IReadOnlyDictionary<string, string> ProductionIds,
        IReadOnlyDictionary<string, NodeFacts> HeadFacts,
        IReadOnlyDictionary<string, NodeFacts> BaseFacts,
        SqlDialect Dialect);

    /// <summary>
    /// The head's compiled SQL with its relations named as production names them (dbt's deferral mapping), so
    /// SQL compiled into a CI schema differs from production's only where the change really differs.
    /// </summary>
    private static IReadOnlyDictionary<string, NodeFacts> Deferred(IReadOnlyDictionary<string, NodeFacts> head, RelationNames deferral, SqlDialect dialect) =>
        deferral.IsEmpty
            ? head
            : head.ToDictionary(f => f.Key, f => f.Value.CompiledCode is { } code ? f.Value with { CompiledCode = deferral.Rewrite(code, dialect) } : f.Value, StringComparer.Ordinal);

    /// <summary>Against the production manifest: the full rules, every kind of evidence.</summary>
    private static ChangeClassification ClassifyNode(Context context, string id, IReadOnlyList<string>? descendants)
    {
        var head = context.HeadFacts.GetValueOrDefault(id);
        var @base = context.BaseFacts.GetValueOrDefault(id);
        if (head is { IsEphemeral: true } && (@base is null || @base.IsEphemeral) && descendants is not null)
        {
            return Through(context, id, descendants);
        }

        var useCompiled = head?.CompiledCode is not null && @base?.CompiledCode is not null;
        var input = new ClassificationInput
        {
            Head = head,
            Base = @base,
            HasBase = true,
            SameTarget = context.Dbt?.SameTarget ?? false,
            BaseColumns = Columns(@base, context.BaseCatalog, SecodaColumns(context, id), useCompiled, context.Dialect),
            HeadColumns = Columns(head, context.HeadCatalog, null, useCompiled, context.Dialect),
        };
        return ChangeClassifier.Classify(input, context.Dialect);
    }

    /// <summary>
    /// A model reached through a changed macro whose compiled SQL is not in both manifests: its own text is the
    /// same, but what the macro renders is not, so "cosmetic" would claim more than was compared.
    /// </summary>
    private static ChangeClassification ThroughMacro(Context context, MappedModel model, ChangeClassification classification)
    {
        var compiled = context.HeadFacts.GetValueOrDefault(model.Id)?.CompiledCode is not null && context.BaseFacts.GetValueOrDefault(model.Id)?.CompiledCode is not null;
        return classification.Kind == ChangeKind.Cosmetic && !compiled && model.ThroughMacro
            ? classification with { Kind = ChangeKind.Logic, Reasons = [ChangeReason.Rows($"rows or values may change: {model.Reason}, and the compiled SQL is not in both manifests to compare")] }
            : classification;
    }

    /// <summary>An ephemeral model has no relation: what it changes is what the models built from it return.</summary>
    private static ChangeClassification Through(Context context, string id, IReadOnlyList<string> descendants)
    {
        if (descendants.Count == 0)
        {
            return new ChangeClassification
            {
                Class = ChangeClass.NonBreaking,
                Kind = ChangeKind.Cosmetic,
                Evidence = Evidence.None,
                Reasons = [ChangeReason.Other($"{id} is ephemeral and no materialized model reads it: it builds nothing")],
            };
        }

        // The descendants' own text is unchanged; when the ephemeral model's SQL changed, their rows may change with it.
        var head = context.HeadFacts.GetValueOrDefault(id);
        var @base = context.BaseFacts.GetValueOrDefault(id);
        var own = head?.RawCode is { } after && @base?.RawCode is { } before ? ClauseDiff.Changed(before, after, context.Dialect) : null;
        var parts = descendants.Select(d =>
        {
            var part = ClassifyNode(context, d, null);
            if (part.Kind == ChangeKind.Cosmetic && own is not null)
            {
                part = part with { Kind = ChangeKind.Logic, Reasons = [ChangeReason.Rows($"rows or values may change: {string.Join(", ", own)} of {Name(id)} changed")] };
            }

            // Said of another model, a reason no longer restates this model's own column changes or rows.
            return part with { Reasons = [.. part.Reasons.Select(r => ChangeReason.Other($"through {Name(d)}: {r.Text}"))] };
        }).ToList();
        var worst = ChangeClassification.Worst(parts);
        return worst with { Reasons = [ChangeReason.Other($"ephemeral: classified through {string.Join(", ", descendants.Select(Name))}"), .. worst.Reasons] };
    }

    /// <summary>
    /// Without a production manifest the git base is the only base: the model's own file before and after. A
    /// change that reaches the model through a macro or a properties file cannot be seen that way.
    /// </summary>
    private static async Task<ChangeClassification> FromGitAsync(Context context, MappedModel model, IBaseContentReader baseContent, string workspaceRoot, CancellationToken cancellationToken)
    {
        if (baseContent is NoBaseContent)
        {
            return ChangeClassification.Unknown("no production state (dbt.state, --state) and no git base to compare with");
        }

        var head = context.HeadFacts.GetValueOrDefault(model.Id);
        if (!IsOwnSqlFile(model, head))
        {
            return ChangeClassification.Unknown($"changed through {model.File}, which the git base alone cannot compare; give the production state (dbt.state, --state)");
        }

        var headText = model.Status == ChangeStatus.Deleted ? null : head?.RawCode ?? await ReadAsync(Path.Combine(workspaceRoot, model.File), cancellationToken).ConfigureAwait(false);
        var baseText = model.Status == ChangeStatus.Added ? null : await baseContent.ReadAsync(model.File, cancellationToken).ConfigureAwait(false);
        if (baseText is null && model.Status != ChangeStatus.Added)
        {
            return ChangeClassification.Unknown($"{model.File} could not be read at the git base");
        }

        return CompareTexts(context, model, baseText, headText, head);
    }

    /// <summary>True when the change is to the model's own SQL file: the only change its text before and after can show.</summary>
    private static bool IsOwnSqlFile(MappedModel model, NodeFacts? facts) =>
        (model.ModelFile is null || string.Equals(model.ModelFile, model.File, StringComparison.Ordinal))
        && model.File.EndsWith(".sql", StringComparison.OrdinalIgnoreCase)
        && string.Equals(facts?.Language ?? "sql", "sql", StringComparison.OrdinalIgnoreCase);

    /// <summary>The model's own file before and after, each read for its select list and <c>config()</c>.</summary>
    private static ChangeClassification CompareTexts(Context context, MappedModel model, string? baseText, string? headText, NodeFacts? facts)
    {
        var before = baseText is null ? null : FromText(model, baseText, facts);
        var after = headText is null ? null : FromText(model, headText, facts);
        var input = new ClassificationInput
        {
            Base = before,
            Head = after,
            HasBase = true,
            SameTarget = true,
            BaseColumns = Columns(before, null, null, false, context.Dialect),
            HeadColumns = Columns(after, context.HeadCatalog, null, false, context.Dialect),
        };
        return ChangeClassifier.Classify(input, context.Dialect);
    }

    /// <summary>Facts read from the file's text: its <c>config()</c> is the configured relation, dbt's own rule for renames.</summary>
    private static NodeFacts FromText(MappedModel model, string text, NodeFacts? head)
    {
        var config = JinjaConfigParser.Parse(text).Config;
        return new NodeFacts
        {
            UniqueId = model.Id,
            ResourceType = head?.ResourceType ?? "model",
            Relation = model.Table,
            ConfiguredAlias = config.GetValueOrDefault("alias"),
            ConfiguredSchema = config.GetValueOrDefault("schema"),
            ConfiguredDatabase = config.GetValueOrDefault("database"),
            Materialized = config.GetValueOrDefault("materialized") ?? head?.Materialized,
            Disabled = string.Equals(config.GetValueOrDefault("enabled"), "false", StringComparison.OrdinalIgnoreCase),
            RawCode = text,
        };
    }

    private static async Task<string?> ReadAsync(string path, CancellationToken cancellationToken) =>
        File.Exists(path) ? await IO.BoundedFile.ReadAllTextAsync(path, path, cancellationToken).ConfigureAwait(false) : null;

    /// <summary>One side's column evidence, strongest first.</summary>
    private static ImmutableArray<ColumnSet> Columns(NodeFacts? facts, DbtCatalogFile? catalog, ColumnSet? secoda, bool useCompiled, SqlDialect dialect)
    {
        if (facts is null)
        {
            return [];
        }

        var sets = ImmutableArray.CreateBuilder<ColumnSet>();
        if (catalog?.ColumnsOf(facts.UniqueId) is { Length: > 0 } columns)
        {
            sets.Add(new ColumnSet { Source = Evidence.Catalog, Columns = columns });
        }

        if (secoda is not null)
        {
            sets.Add(secoda);
        }

        // Declared columns count only when every one has a data_type: documentation alone lists some columns, not all.
        if (!facts.Columns.IsEmpty && facts.Columns.All(c => c.DataType is not null))
        {
            sets.Add(new ColumnSet { Source = Evidence.Contract, Columns = [.. facts.Columns.Select(c => new ColumnFact(c.Name, c.DataType))] });
        }

        // A Python model's body is not SQL: its columns are known only from a catalog or declarations.
        var python = string.Equals(facts.Language, "python", StringComparison.OrdinalIgnoreCase);
        if (!python && SelectList.Read(useCompiled ? facts.CompiledCode : facts.RawCode, dialect) is { } select)
        {
            sets.Add(select);
        }

        return sets.ToImmutable();
    }

    private static ColumnSet? SecodaColumns(Context context, string id) =>
        context.ProductionIds.TryGetValue(id, out var tableId) && context.Secoda.TryGetValue(tableId, out var columns) && columns.Count > 0
            ? new ColumnSet { Source = Evidence.Secoda, Columns = [.. columns.Select(c => new ColumnFact(c.Name, c.DataType))] }
            : null;

    private static string Name(string uniqueId) => uniqueId[(uniqueId.LastIndexOf('.') + 1)..];

    /// <summary>The SQL dialect of a dbt adapter, for reading select lists; ansi when unknown.</summary>
    internal static SqlDialect Dialect(string? adapter) => adapter?.ToLowerInvariant() switch
    {
        "postgres" or "duckdb" => SqlDialect.Postgres,
        "snowflake" => SqlDialect.Snowflake,
        "bigquery" => SqlDialect.BigQuery,
        "redshift" => SqlDialect.Redshift,
        "databricks" or "spark" => SqlDialect.Databricks,
        "sqlserver" or "fabric" or "synapse" => SqlDialect.TSql,
        _ => SqlDialect.Ansi,
    };
}
