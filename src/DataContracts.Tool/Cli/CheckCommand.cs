using System.CommandLine;
using DataContracts.Application;
using DataContracts.Reports;

namespace DataContracts.Tool.Cli;

/// <summary><c>datacontracts check</c>: the main job. Maps options to a <see cref="CheckRequest"/>, calls the core, renders.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var contracts = CommonOptions.Contracts();
        var baseRef = new Option<string?>("--base") { Description = "Base of the diff (default: the pull request's base in GitHub Actions, else origin/HEAD).", HelpName = "REF" };
        var headRef = new Option<string?>("--head") { Description = "Head of the diff (default: HEAD plus uncommitted changes).", HelpName = "REF" };
        var changedFiles = new Option<string?>("--changed-files") { Description = "Changed files, one path a line (or '-' for standard input); replaces git.", HelpName = "FILE|-" };
        var manifest = CommonOptions.Manifest();
        var sqlcmdVar = CommonOptions.SqlCmdVar();
        var baseManifest = new Option<string?>("--base-manifest") { Description = "The base branch's dbt manifest (as for dbt --state): maps deleted and renamed models exactly.", HelpName = "FILE" };
        var state = CommonOptions.State();
        var dbtCatalog = CommonOptions.DbtCatalog();
        var snapshot = CommonOptions.CatalogSnapshot();
        var maxDepth = CommonOptions.MaxDepth();
        var format = CommonOptions.Format();
        var report = CommonOptions.Report();
        var comment = new Option<bool>("--comment") { Description = "Post or update the sticky pull request comment." };
        var warningsAsErrors = CommonOptions.WarningsAsErrors();
        var timeout = CommonOptions.Timeout();
        var cacheDir = CommonOptions.CacheDir();
        var pr = WholeNumberOption.Create("--pr", 1, int.MaxValue, "Pull request number (default: from GITHUB_EVENT_PATH).", "N");
        var requestReviewers = new Option<bool>("--request-reviewers") { Description = "Ask the owners of contracts with blocking impact for a review (@user, @org/team, or emails mapped by owners_map)." };
        var mentionOwners = new Option<bool>("--mention-owners") { Description = "Mention owners mapped by owners_map in the comment (otherwise every @ stays escaped)." };
        var verbosity = CommonOptions.Verbosity();
        var policyFromBase = new Option<bool?>("--policy-from-base")
        {
            Description = "In CI, where the change loosens the contract policy, check the base branch's (default true; also DATACONTRACTS_POLICY_FROM_BASE).",
            HelpName = "true|false",
        };

        var trustHeadArtifacts = new Option<bool>("--trust-head-artifacts")
        {
            Description = "In the fork-safe pair's workflow_run half: once the head manifest's SQL matches the pull request's files on GitHub, also use its compiled SQL and the head catalog (a fork writes them).",
        };

        var command = new Command("check", "Check the changed models against their contracts: changed files → tables → Secoda → downstream → verdict.")
        {
            contracts, sqlcmdVar, baseRef, headRef, changedFiles, manifest, baseManifest, state, dbtCatalog, snapshot, maxDepth, format, report, comment,
            warningsAsErrors, timeout, cacheDir, pr, requestReviewers, mentionOwners, verbosity, policyFromBase, trustHeadArtifacts,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var changed = parse.GetValue(changedFiles);
            var request = Requests.Base(context, parse.GetValue(contracts), parse.GetValue(timeout)) with
            {
                BaseRef = parse.GetValue(baseRef),
                HeadRef = parse.GetValue(headRef),
                ChangedFilesPath = changed == "-" ? null : changed,
                ChangedFilesText = changed == "-" ? await IO.BoundedFile.ReadAtMostAsync(context.In, IO.BoundedFile.MaxTextBytes, cancellationToken).ConfigureAwait(false) : null,
                ManifestPath = parse.GetValue(manifest),
                SqlCmdVariables = [.. parse.GetValue(sqlcmdVar) ?? []],
                BaseManifestPath = parse.GetValue(baseManifest),
                StatePath = parse.GetValue(state),
                DbtCatalogPath = parse.GetValue(dbtCatalog),
                CatalogSnapshotPath = parse.GetValue(snapshot),
                MaxDepth = parse.GetValue(maxDepth),
                WarningsAsErrors = parse.GetValue(warningsAsErrors),
                PolicyFromBase = parse.GetValue(policyFromBase),
                TrustHeadArtifacts = parse.GetValue(trustHeadArtifacts),
                CacheDirectory = parse.GetValue(cacheDir),
            };
            var reportPath = parse.GetValue(report) is { } path ? Path.GetFullPath(path, context.WorkingDirectory) : null;
            var github = new GitHubRequest(parse.GetValue(comment), parse.GetValue(requestReviewers), parse.GetValue(mentionOwners), parse.GetValue(pr));
            var requested = OutputNames.FormatOf(parse.GetValue(format)!);
            var (result, outputFormat) = GitHubSteps.AreNeeded(context.Environment, github)
                ? await GitHubSteps.CheckAsync(context, request, github, reportPath, requested, cancellationToken).ConfigureAwait(false)
                : (await Checker.CheckAsync(request, cancellationToken).ConfigureAwait(false), requested);
            return await ResultWriter.WriteAsync(context, result, outputFormat, reportPath, OutputNames.VerbosityOf(parse.GetValue(verbosity)!), cancellationToken).ConfigureAwait(false);
        });
        return command;
    }
}
