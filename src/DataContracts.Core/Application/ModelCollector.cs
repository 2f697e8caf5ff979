using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Contracts;
using DataContracts.Diagnostics;
using DataContracts.Mapping;
using DataContracts.Mapping.Dbt;
using DataContracts.Mapping.Sql;
using DataContracts.Mapping.SqlProj;

namespace DataContracts.Application;

/// <summary>Runs the dbt and plain-SQL mappers the contract file asks for and merges what they find.</summary>
internal sealed class ModelCollector
{
    private ModelCollector(DbtProject? dbt, ContractFile contracts, string workspaceRoot, ProductionState state, DbtArtifacts artifacts, SqlProjSource? sqlProj)
    {
        Dbt = dbt;
        SqlProj = sqlProj;
        Contracts = contracts;
        WorkspaceRoot = workspaceRoot;
        State = state;
        Artifacts = artifacts;
    }

    /// <summary>Which manifest and state this run uses and where each came from, for the report.</summary>
    public DbtArtifacts Artifacts { get; }

    /// <summary>The production artifacts and catalogs this run compares with (all optional).</summary>
    public ProductionState State { get; }

    public DbtProject? Dbt { get; }

    /// <summary>The database projects of <c>sqlproj:</c>, when the contract file has that section.</summary>
    public SqlProjSource? SqlProj { get; }

    public ContractFile Contracts { get; }

    public string WorkspaceRoot { get; }

    public DbtGraph Graph => Dbt?.Graph ?? DbtGraph.Empty;

    /// <summary>
    /// Opens the dbt project when the contract file has a <c>dbt:</c> section, a manifest is given, or a
    /// <c>dbt_project.yml</c> sits beside the contract file (what a dbt user expects without configuring).
    /// With no manifest named anywhere, <c>target/manifest.json</c> beside <c>dbt_project.yml</c> (where
    /// <c>dbt parse</c> writes it) is used, and the report says so.
    /// </summary>
    public static async Task<ModelCollector> OpenAsync(
        CheckRequest request, ContractFile contracts, string workspaceRoot, CancellationToken cancellationToken)
    {
        var projectDir = contracts.Dbt?.ProjectDir is { } configuredDir
            ? ContractPaths.Resolve(configuredDir, contracts, request.Environment, null, "--contracts", cancellationToken)
            : contracts.Directory;
        string? manifest = null;
        ArtifactOrigin? origin = null;
        var hasProjectFile = File.Exists(Path.Combine(projectDir, "dbt_project.yml"));
        if (request.ManifestPath is not null)
        {
            (manifest, origin) = (Path.GetFullPath(request.ManifestPath, request.WorkingDirectory), ArtifactOrigin.Option);
        }
        else if (contracts.Dbt?.Manifest is { } configured)
        {
            (manifest, origin) = (ContractPaths.Resolve(configured, contracts, request.Environment, contracts.Dbt.ManifestLocation, "--manifest", cancellationToken), ArtifactOrigin.ContractFile);
        }
        else if (hasProjectFile && File.Exists(Path.Combine(projectDir, "target", "manifest.json")))
        {
            (manifest, origin) = (Path.Combine(projectDir, "target", "manifest.json"), ArtifactOrigin.FoundBesideProject);
        }

        var state = await ProductionState.ResolveAsync(request, contracts, cancellationToken).ConfigureAwait(false);
        var useDbt = contracts.Dbt is not null || manifest is not null || state.IsConfigured || hasProjectFile;
        var dbt = useDbt
            ? await DbtProject.LoadAsync(
                new DbtProjectOptions
                {
                    WorkspaceRoot = workspaceRoot,
                    ProjectDir = projectDir,
                    ManifestPath = manifest,
                    BaseManifestPath = state.ManifestPath,
                },
                cancellationToken).ConfigureAwait(false)
            : null;
        var artifacts = new DbtArtifacts
        {
            Manifest = dbt is null ? null : manifest,
            ManifestOrigin = dbt is null ? null : origin,
            State = state.Display,
            StateOrigin = state.Origin,
            StateDetail = state.Detail,
        };
        // Checked even without a sqlproj section: a mistyped --sqlcmd-var is never ignored silently.
        var sqlCmdVariables = SqlCmdVariables.ParseArguments(request.SqlCmdVariables);
        var sqlProj = contracts.SqlProj is { } projects ? SqlProjSource.Open(projects, contracts.Directory, workspaceRoot, sqlCmdVariables) : null;
        return new ModelCollector(dbt, contracts, workspaceRoot, state, artifacts, sqlProj);
    }

    public async Task<ModelMapping> MapAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        var mappings = new List<ModelMapping>();
        if (Dbt is not null)
        {
            mappings.Add(await Dbt.MapAsync(changes.Files, changes.BaseContent, cancellationToken, headUnverified: changes.HeadContent is not null).ConfigureAwait(false));
        }

        if (Contracts.Sql is { } sql)
        {
            mappings.Add(await SqlModelMapper.MapAsync(
                new SqlMapRequest(WorkspaceRoot, Contracts.Directory, sql, changes.Files, changes.BaseContent),
                cancellationToken).ConfigureAwait(false));
        }

        // Files a database project explained (not a Build item, the project file itself) are not contract-mapped again.
        var explained = new HashSet<string>(StringComparer.Ordinal);
        if (SqlProj is not null)
        {
            var projectMapping = await SqlProj.MapAsync(changes.Files, changes.BaseContent, cancellationToken).ConfigureAwait(false);
            mappings.Add(projectMapping);
            explained.UnionWith(projectMapping.UnmappedFiles);
        }

        var models = mappings.SelectMany(m => m.Models).ToImmutableArray();
        var mapped = models.Select(m => m.File).ToHashSet(StringComparer.Ordinal);
        var (byContract, contractDiagnostics) = ContractFileMapping.Map(
            changes.Files.Where(f => !mapped.Contains(f.Path) && !explained.Contains(f.Path)), new ContractMatcher(Contracts, WorkspaceRoot, Dbt));
        models = models.AddRange(byContract);
        var oldPaths = changes.Files.Where(f => f.OldPath is not null).DistinctBy(f => f.Path).ToDictionary(f => f.Path, f => f.OldPath, StringComparer.Ordinal);
        models = [.. models.Select(m => oldPaths.TryGetValue(m.File, out var old) ? m with { OldFile = old } : m)];
        var unreadable = changes.Files.Where(f => f.HeadUnreadable).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        models = [.. models.Select(m => unreadable.Contains(m.File) ? m with { HeadUnreadable = true } : m)];
        var claimed = models.Select(m => m.File).Concat(mappings.SelectMany(m => m.UnmappedFiles))
            .Concat(contractDiagnostics.Select(d => d.Location?.File).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        var unclaimed = changes.Files.Where(f => !claimed.Contains(f.Path) && !f.HeadUnreadable).Select(f => f.Path).ToArray();
        var diagnostics = State.Diagnostics.Concat(mappings.SelectMany(m => m.Diagnostics)).Concat(contractDiagnostics).ToList();
        var modelFiles = models.Select(m => m.File).ToHashSet(StringComparer.Ordinal);
        var unmappedUnreadable = changes.Files.Where(f => f.HeadUnreadable && !modelFiles.Contains(f.Path)).Select(f => f.Path).ToArray();
        if (unmappedUnreadable.Length > 0)
        {
            // Nothing says what the file was: it may be a contracted model, so the run cannot pass quietly.
            diagnostics.Add(DiagnosticCodes.UnreadableChangeNotMapped.Create(
                $"{string.Join(", ", unmappedUnreadable.Take(10))}{(unmappedUnreadable.Length > 10 ? ", …" : string.Empty)} could not be read safely and neither the dbt manifest nor the git base says which model it is, so its contract (if any) was not checked.",
                new SourceLocation(unmappedUnreadable[0]),
                "Replace the symlink with the file, or run with git history (fetch-depth: 0) or a manifest so the model can be found."));

            // Listed as a model with no table, so the coverage line names it as not checked.
            models = models.AddRange(changes.Files.Where(f => unmappedUnreadable.Contains(f.Path)).Select(f => new MappedModel
            {
                File = f.Path,
                Status = f.Status,
                Id = "unreadable:" + f.Path,
                Name = f.Path,
                Kind = MappingKind.Contract,
                Reason = "could not be read safely",
                HeadUnreadable = true,
            }));
        }

        if (unclaimed.Length > 0)
        {
            diagnostics.Add(DiagnosticCodes.ChangedFileNotAModel.Create(
                $"{unclaimed.Length} changed file(s) are not dbt or SQL models and were not checked: "
                + string.Join(", ", unclaimed.Take(10)) + (unclaimed.Length > 10 ? ", …" : string.Empty)));
        }

        return new ModelMapping
        {
            Models = models,
            Graph = Graph,
            UnmappedFiles = [.. mappings.SelectMany(m => m.UnmappedFiles)],
            Diagnostics = [.. diagnostics],
        };
    }
}
