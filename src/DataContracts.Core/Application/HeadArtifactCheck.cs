using System.Collections.Immutable;
using DataContracts.Changes;
using DataContracts.Diagnostics;
using DataContracts.Mapping;

namespace DataContracts.Application;

/// <summary>
/// In the fork-safe pair's <c>workflow_run</c> half the head manifest and catalog are the fork's own artifacts: they
/// say what the pull request's files are, and a fork can write anything there. This stage reads every changed
/// model file from GitHub at the run's head and requires the head manifest's SQL of each node defined there to be
/// that file's text (dbt stores it stripped); any difference stops the run with DC7065 before anything is checked.
/// What the files cannot vouch for (compiled SQL, a head catalog.json) is left out of the classification unless
/// the trusted workflow says otherwise (<see cref="CheckRequest.TrustHeadArtifacts"/>).
/// </summary>
internal static class HeadArtifactCheck
{
    private const int Parallel = 4;

    public static async Task<(ForkHead Head, Diagnostic Note)> VerifyAsync(
        CheckRun run, ChangeSet changes, IReadOnlyList<MappedModel> models, CancellationToken cancellationToken)
    {
        var reader = changes.HeadContent ?? throw new InvalidOperationException("Only a change whose head is elsewhere is verified.");
        // Only a manifest handed in is the head's; one found in the checkout (the default branch) describes the base.
        var dbt = run.Collector.Dbt is { HasManifest: true } project && run.Collector.Artifacts.ManifestOrigin == ArtifactOrigin.Option ? project : null;
        var present = changes.Files.Where(f => f.Status != ChangeStatus.Deleted && IsCode(f.Path)).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var claimed = dbt is null ? [] : present.SelectMany(p => dbt.HeadNodesDefinedIn(p).Select(n => (Path: p, Node: n))).ToList();
        var wanted = models.Where(m => m.Kind is MappingKind.DbtManifest or MappingKind.DbtApproximate && present.Contains(m.File)).Select(m => m.File)
            .Concat(claimed.Select(c => c.Path)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();

        var texts = new System.Collections.Concurrent.ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        await System.Threading.Tasks.Parallel.ForEachAsync(
            wanted,
            new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken },
            async (path, token) => texts[path] = await reader.ReadAsync(path, token).ConfigureAwait(false)).ConfigureAwait(false);

        var compared = 0;
        if (dbt is not null && claimed.Count > 0)
        {
            var (headFacts, _) = await dbt.ReadFactsAsync(claimed.Select(c => c.Node.UniqueId).ToHashSet(StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            foreach (var (path, node) in claimed.OrderBy(c => c.Path, StringComparer.Ordinal).ThenBy(c => c.Node.UniqueId, StringComparer.Ordinal))
            {
                // dbt writes the SQL of every node it parsed from a file; one left out would skip the comparison.
                var raw = headFacts.GetValueOrDefault(node.UniqueId)?.RawCode;
                compared++;
                if ((raw is null ? ("the manifest holds no SQL for it", 1) : Mismatch(node.ResourceType, raw, texts.GetValueOrDefault(path))) is { } difference)
                {
                    var manifest = dbt.Options.ManifestPath is { } m ? PathDisplay.ToWorkspaceRelative(m, run.WorkspaceRoot) : "manifest.json";
                    throw new InputException(DiagnosticCodes.HeadManifestNotThePullRequests.Create(
                        $"The head manifest '{manifest}' does not match {reader.Description}: the SQL it holds for {node.UniqueId} is not {path} as GitHub serves it ({difference.Text}). The manifest comes from the triggering run's artifact, which the pull request's own workflow writes, so nothing was checked against it.",
                        new SourceLocation(path, difference.Line, 1),
                        "An honest manifest comes from `dbt parse` of the same commit (samples/workflows/datacontracts-collect.yml). A mismatch means the artifact was changed or is another commit's: review the pull request's workflow files."));
                }
            }
        }

        var trusted = run.Request.TrustHeadArtifacts;
        var head = new ForkHead
        {
            Files = texts.ToImmutableDictionary(StringComparer.Ordinal),
            ArtifactsTrusted = trusted,
            ManifestIsHeads = dbt is not null,
            Description = reader.Description,
        };
        return (head, Note(run, head, wanted.Length, compared));
    }

    private static Diagnostic Note(CheckRun run, ForkHead head, int files, int compared)
    {
        var artifacts = head.ManifestIsHeads
            ? $"The head manifest's SQL of {compared} node(s) equals the changed files GitHub serves ({files} read from {head.Description}). "
            : $"{files} changed model file(s) were read from {head.Description}; no head manifest was given (--manifest), so the checkout's project maps them. ";
        var use = head.ArtifactsTrusted && head.ManifestIsHeads
            ? "Its compiled SQL and the head catalog.json cannot be checked that way and are used as given (--trust-head-artifacts)."
            : "Its compiled SQL and a head catalog.json cannot be checked that way, so each change is classified on the file GitHub serves against production's SQL; a model changed only through a macro, a properties file or an ephemeral model is unknown.";
        return DiagnosticCodes.HeadArtifactsVerified.Create(
            artifacts + use,
            hint: head.ArtifactsTrusted && head.ManifestIsHeads ? null : "Where the pull request's own workflow is trusted to run `dbt parse` honestly, the check workflow can pass trust-head-artifacts: true (--trust-head-artifacts) to classify on its compiled SQL and catalog.");
    }

    private static bool IsCode(string path) =>
        path.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".py", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Null when <paramref name="raw"/> is the file's text as dbt stores it: the whole file, stripped, for models,
    /// analyses and singular tests; one block of it for snapshots (and any other kind). Line endings do not count.
    /// </summary>
    private static (string Text, int Line)? Mismatch(string resourceType, string raw, string? file)
    {
        if (file is null)
        {
            return ("GitHub has no such file at the head", 1);
        }

        var expected = Normalize(raw);
        var actual = Normalize(file);
        var whole = resourceType is "model" or "analysis" or "test";
        if (whole ? string.Equals(expected, actual, StringComparison.Ordinal) : actual.Contains(expected, StringComparison.Ordinal))
        {
            return null;
        }

        if (!whole)
        {
            return ("its SQL is not part of the file", 1);
        }

        var at = 0;
        while (at < expected.Length && at < actual.Length && expected[at] == actual[at])
        {
            at++;
        }

        // Counted in the file as it is, so the line points where an editor shows it.
        var untrimmed = file.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lead = untrimmed.Length - untrimmed.TrimStart().Length;
        var line = 1 + untrimmed.AsSpan(0, Math.Min(lead + at, untrimmed.Length)).Count('\n');
        return ($"they first differ at line {line}", line);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
