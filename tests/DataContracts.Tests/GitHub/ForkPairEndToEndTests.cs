using System.Diagnostics;
using System.Text.Json.Nodes;
using DataContracts.Diagnostics;
using DataContracts.Fakes;
using DataContracts.GitHub;
using DataContracts.Tests.State;
using YamlDotNet.RepresentationModel;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// The fork-safe pair end to end through the built CLI (issue 21): the collect workflow's step keeps the head's
/// manifest and catalog beside the changed-files list; the check workflow's steps take them as bounded data and
/// run action.yml's script, which hands them to the tool with the production state fetched from the fake Actions
/// artifacts API. HubSpot pull request 201 (purely additive) is then classified like a same-repository one.
/// </summary>
public class ForkPairEndToEndTests
{
    private const string RunHead = "be3a903c24d8be3a903c24d8be3a903c24d8be3a";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATrustedForkPullRequestIsClassifiedFromItsOwnManifestAndProductionState()
    {
        using var folder = new TempFolder();
        var changes = Collect(folder);
        var checkout = Checkout(folder);
        await using var github = await StartGitHubAsync();

        var taken = await RunStepAsync("datacontracts-check.yml", "Take the head's dbt artifacts", checkout, new() { ["CHANGES"] = changes }, folder);
        var job = Job(folder, github, changes, taken);
        job["DC_TRUST_HEAD_ARTIFACTS"] = "true";
        var run = await ActionStep.RunAsync(checkout, job);

        Assert.True(run.ExitCode == 0, run.All);
        var report = JsonNode.Parse(File.ReadAllText(folder.Combine("runner/datacontracts-report.json")))!;
        Assert.Equal("option", (string?)report["artifacts"]!["manifestFrom"]);
        Assert.Contains("run 55", (string?)report["artifacts"]!["stateDetail"], StringComparison.Ordinal);
        Assert.Contains(report["diagnostics"]!.AsArray(), d => (string?)d!["code"] == DiagnosticCodes.HeadArtifactsVerified.Code);
        var classified = report["changes"]!.AsArray();
        Assert.NotEmpty(classified);
        Assert.All(classified, c => Assert.Equal("non_breaking", (string?)c!["classification"]));
        Assert.All(classified, c => Assert.Equal("catalog", (string?)c!["evidence"]));
        var status = Assert.Single(github.Statuses);
        Assert.Equal((RunHead, "success", "datacontracts"), (status.Sha, status.State, status.Context));
        Assert.NotEmpty(github.BlobRequests);
        Assert.All(github.BlobRequests, r => Assert.False(r.HadAuthorization));
    }

    [Fact]
    public async Task ByDefaultAForkPullRequestIsClassifiedOnlyOnWhatGitHubServes()
    {
        using var folder = new TempFolder();
        var changes = Collect(folder);
        var checkout = Checkout(folder);
        await using var github = await StartGitHubAsync();

        var taken = await RunStepAsync("datacontracts-check.yml", "Take the head's dbt artifacts", checkout, new() { ["CHANGES"] = changes }, folder);
        var run = await ActionStep.RunAsync(checkout, Job(folder, github, changes, taken));

        var report = JsonNode.Parse(File.ReadAllText(folder.Combine("runner/datacontracts-report.json")))!;
        Assert.True(report["changes"]!.AsArray().Count > 0, run.All);
        Assert.Contains(report["diagnostics"]!.AsArray(), d => (string?)d!["code"] == DiagnosticCodes.HeadArtifactsVerified.Code);

        // The fork's catalog.json and compiled SQL were not evidence: nothing rests on them.
        Assert.DoesNotContain(report["changes"]!.AsArray(), c => (string?)c!["evidence"] == "catalog");
        Assert.Contains(github.Requests, r => r.Path.EndsWith("/contents/models/staging/stg_hubspot__contact.sql", StringComparison.Ordinal) && r.Query.Contains(RunHead, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTheHeadsArtifactsTheSameForkPullRequestCannotBeClassified()
    {
        using var folder = new TempFolder();
        var changes = Collect(folder);
        File.Delete(Path.Combine(changes, "manifest.json"));
        File.Delete(Path.Combine(changes, "catalog.json"));
        var checkout = Checkout(folder);
        await using var github = await StartGitHubAsync();

        var taken = await RunStepAsync("datacontracts-check.yml", "Take the head's dbt artifacts", checkout, new() { ["CHANGES"] = changes }, folder);
        await ActionStep.RunAsync(checkout, Job(folder, github, changes, taken));

        Assert.Empty(taken);
        var report = JsonNode.Parse(File.ReadAllText(folder.Combine("runner/datacontracts-report.json")))!;
        Assert.NotEqual("option", (string?)report["artifacts"]?["manifestFrom"]);
        // Without the head's manifest the contracted models map to no table: they are not shown non-breaking from
        // catalog evidence (no change is listed at all, which alone would prove nothing), each is an unmapped-model
        // error instead, and the verdict is a failure.
        Assert.Empty(report["changes"]!.AsArray());
        Assert.Contains(report["diagnostics"]!.AsArray(), d => (string?)d!["code"] == "DC1010" && (string?)d["severity"] == "error" && (string?)d["file"] == "models/staging/stg_hubspot__contact.sql");
        Assert.Equal("fail", (string?)report["result"]);
    }

    [Fact]
    public async Task AnOversizedOrLinkedArtifactFileIsNotPassedOn()
    {
        using var folder = new TempFolder();
        var changes = Collect(folder);
        File.Delete(Path.Combine(changes, "catalog.json"));
        File.CreateSymbolicLink(Path.Combine(changes, "catalog.json"), "/etc/passwd");

        var taken = await RunStepAsync("datacontracts-check.yml", "Take the head's dbt artifacts", folder.Path, new() { ["CHANGES"] = changes }, folder);

        Assert.Equal(Path.Combine(changes, "manifest.json"), taken["manifest"]);
        Assert.False(taken.ContainsKey("catalog"));
    }

    /// <summary>
    /// GitHub with pull request 7 at the run's head (its files as GitHub lists and serves them: HubSpot's repository
    /// at be3a903c24d8) and the production state artifact of the default branch's run 55.
    /// </summary>
    private static async Task<FakeGitHubServer> StartGitHubAsync()
    {
        var github = await FakeGitHubServer.StartAsync(cancellationToken: Ct);
        var pr = github.AddPullRequest(7, PullRequestFiles());
        pr.HeadSha = RunHead;
        var head = Path.Combine(AppContext.BaseDirectory, "fixtures", "dbt", "fivetran_hubspot", "@be3a903c24d8");
        var changed = pr.Files.Where(f => f.Status != "removed").Select(f => f.FileName).ToHashSet(StringComparer.Ordinal);
        foreach (var path in changed.Where(p => File.Exists(Path.Combine(head, p))))
        {
            pr.HeadFiles[path] = File.ReadAllText(Path.Combine(head, path));
        }

        // The fixture keeps HubSpot's manifest, not every model file: dbt stored each file's text, stripped, as raw_code.
        foreach (var node in JsonNode.Parse(File.ReadAllText(Path.Combine(head, "docs", "manifest.json")))!["nodes"]!.AsObject().Select(n => n.Value!))
        {
            if ((string?)node["package_name"] == "hubspot" && (string?)node["original_file_path"] is { } path && changed.Contains(path) && (string?)node["raw_code"] is { } raw)
            {
                pr.HeadFiles.TryAdd(path, raw + "\n");
            }
        }

        github.AddWorkflowRun(new FakeWorkflowRun { Id = 55, WorkflowFile = "datacontracts-production-state.yml" })
            .Artifacts.Add(new FakeArtifact { Id = 155, Name = "dbt-state", Zip = StateWorkspace.ProductionZip() });
        return github;
    }

    /// <summary>The pull request's files as GitHub lists them: the same change the collect job's diff recorded.</summary>
    private static FakeGitHubFile[] PullRequestFiles() =>
        [.. File.ReadAllLines(StateWorkspace.ChangedFiles).Where(l => l.Length > 0).Select(l => l.Split('\t')).Select(p => p[0][0] switch
        {
            'A' => new FakeGitHubFile(p[1], "added"),
            'D' => new FakeGitHubFile(p[1], "removed"),
            'R' => new FakeGitHubFile(p[2], "renamed", p[1]),
            _ => new FakeGitHubFile(p[1]),
        })];

    /// <summary>What the collect job uploads: its own step copies the head's target/ files; the list and number as its first step writes them.</summary>
    private static string Collect(TempFolder folder)
    {
        var head = folder.Combine("head");
        var docs = Path.Combine(AppContext.BaseDirectory, "fixtures", "dbt", "fivetran_hubspot", "@be3a903c24d8", "docs");
        Directory.CreateDirectory(Path.Combine(head, "target"));
        Directory.CreateDirectory(Path.Combine(head, "datacontracts-changes"));
        File.Copy(Path.Combine(docs, "manifest.json"), Path.Combine(head, "target", "manifest.json"));
        File.Copy(Path.Combine(docs, "catalog.json"), Path.Combine(head, "target", "catalog.json"));
        File.Copy(StateWorkspace.ChangedFiles, Path.Combine(head, "datacontracts-changes", "changed-files.txt"));
        File.WriteAllText(Path.Combine(head, "datacontracts-changes", "pr-number"), "7\n");
        var kept = RunStepAsync("datacontracts-collect.yml", "Keep the head's dbt artifacts", head, [], folder).GetAwaiter().GetResult();
        Assert.Empty(kept);
        return Path.Combine(head, "datacontracts-changes");
    }

    /// <summary>The check job's checkout: the default branch (the base commit), a repository of its own, with the contract file.</summary>
    private static string Checkout(TempFolder folder)
    {
        var checkout = folder.Combine("checkout");
        TempFolder.CopyTree(Path.Combine(AppContext.BaseDirectory, "fixtures", "dbt", "fivetran_hubspot", "@38114c72a027"), checkout);
        Directory.Delete(Path.Combine(checkout, "docs"), recursive: true);
        File.WriteAllText(Path.Combine(checkout, "snapshot.json"), "{\"version\": 1, \"resources\": [], \"lineage\": []}");
        File.WriteAllText(Path.Combine(checkout, "datacontracts.yml"), """
            version: 1
            secoda:
              snapshot: snapshot.json
            dbt:
              project_dir: integration_tests
            policy:
              on_catalog_error: warn
            contracts:
              - name: hubspot
                models: ["models/staging/**/*.sql"]
            """);
        GitRepo.Init(checkout);
        GitRepo.Run(checkout, "add", "-A");
        GitRepo.Run(checkout, "commit", "-qm", "default branch");
        return checkout;
    }

    private static Dictionary<string, string?> Job(TempFolder folder, FakeGitHubServer github, string changes, IReadOnlyDictionary<string, string> taken)
    {
        Directory.CreateDirectory(folder.Combine("runner"));
        folder.Write("event.json", $$"""
            { "action": "completed",
              "workflow_run": { "id": 99, "name": "DataContracts (collect)", "event": "pull_request", "conclusion": "success",
                                "head_sha": "{{RunHead}}", "head_branch": "main", "pull_requests": [] } }
            """);
        var checkoutHead = GitRepo.Run(folder.Combine("checkout"), "rev-parse", "HEAD").Trim();
        var environment = FakeGitHub.Environment(github);
        foreach (var (name, value) in new Dictionary<string, string?>
        {
            ["TOOL_DIR"] = AppContext.BaseDirectory,
            ["RUNNER_TEMP"] = folder.Combine("runner"),
            ["CI"] = "true",
            ["GITHUB_ACTIONS"] = "true",
            ["GITHUB_EVENT_NAME"] = "workflow_run",
            ["GITHUB_EVENT_PATH"] = folder.Combine("event.json"),
            ["GITHUB_SHA"] = checkoutHead,
            ["GITHUB_RUN_ID"] = "4242",
            ["GITHUB_OUTPUT"] = folder.Write("runner/github_output", string.Empty),
            ["GITHUB_STEP_SUMMARY"] = folder.Write("runner/step_summary.md", string.Empty),
            ["DC_WORKING_DIRECTORY"] = ".",
            ["DC_CHANGED_FILES"] = Path.Combine(changes, "changed-files.txt"),
            ["DC_PR_NUMBER"] = "7",
            ["DC_COMMENT"] = "true",
            ["DC_MANIFEST"] = taken.GetValueOrDefault("manifest"),
            ["DC_DBT_CATALOG"] = taken.GetValueOrDefault("catalog"),
            ["DC_STATE"] = "github-artifact:datacontracts-production-state.yml/dbt-state",
        })
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>Runs one named step's script from a sample workflow with bash, and returns what it wrote to $GITHUB_OUTPUT.</summary>
    private static async Task<Dictionary<string, string>> RunStepAsync(string workflow, string step, string workingDirectory, Dictionary<string, string?> environment, TempFolder folder)
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Samples, "workflows", workflow));
        var stream = new YamlStream();
        stream.Load(reader);
        var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
        var script = jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(j => ((YamlSequenceNode)j["steps"]).Children.Cast<YamlMappingNode>())
            .Single(s => s.Children.TryGetValue("name", out var n) && ((YamlScalarNode)n).Value == step);
        var output = folder.Write($"step-output-{Guid.NewGuid():N}", string.Empty);
        var info = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(((YamlScalarNode)script["run"]).Value!);
        Support.ChildEnvironment.Apply(info, environment.Append(new("GITHUB_OUTPUT", output)));
        using var process = Process.Start(info)!;
        var error = await process.StandardError.ReadToEndAsync(Ct);
        await process.StandardOutput.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct);
        Assert.True(process.ExitCode == 0, error);
        return ActionsFiles.ParseOutputs(await File.ReadAllTextAsync(output, Ct)).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
    }
}
