using System.Text.RegularExpressions;
using DataContracts.GitHub;
using YamlDotNet.RepresentationModel;

namespace DataContracts.Tests.GitHub;

/// <summary>Guards action.yml and the sample workflows: no expression inside scripts, outputs in step with the tool.</summary>
public partial class ActionDefinitionTests
{
    private static readonly string ActionPath = Path.Combine(RepositoryPaths.Root, "action.yml");

    public static TheoryData<string> WorkflowFiles() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "workflows"), "*.yml").Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public void NoRunStepReadsInputsDirectly()
    {
        var steps = Steps(Load(ActionPath)["runs"]);

        Assert.NotEmpty(steps);
        foreach (var step in steps.Where(s => s.Children.ContainsKey("run")))
        {
            var script = ((YamlScalarNode)step["run"]).Value!;
            Assert.False(InputsExpression().IsMatch(script), $"step '{Name(step)}' reads ${{{{ inputs.* }}}} inside run:; pass it through env: instead");
            Assert.False(script.Contains("${{", StringComparison.Ordinal), $"step '{Name(step)}' has a ${{{{ }}}} expression inside run:; pass it through env: instead");
        }
    }

    [Fact]
    public void DeclaredOutputsAreExactlyWhatTheToolWrites()
    {
        var action = Load(ActionPath);
        var outputs = (YamlMappingNode)action["outputs"];
        var declared = outputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(ActionsFiles.OutputNames.Order(StringComparer.Ordinal), declared);

        // Each output is taken from the step that runs the tool, under the same name.
        var toolStep = Steps(action["runs"]).Single(s => s.Children.ContainsKey("run") && ((YamlScalarNode)s["run"]).Value!.Contains("datacontracts.dll", StringComparison.Ordinal));
        var id = ((YamlScalarNode)toolStep["id"]).Value;
        foreach (var name in declared)
        {
            var value = ((YamlScalarNode)((YamlMappingNode)outputs[name])["value"]).Value;
            Assert.Equal($"${{{{ steps.{id}.outputs.{name} }}}}", value);
        }
    }

    [Fact]
    public async Task TheToolWritesTheDeclaredOutputNames()
    {
        using var folder = new TempFolder();
        var output = folder.Write("github_output", string.Empty);
        await ActionsFiles.WriteAsync(GitHubSamples.Failing(), new GitHubContext { IsActions = true, OutputPath = output }, "/tmp/r.json", TestContext.Current.CancellationToken);

        var written = ActionsFiles.ParseOutputs(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken)).Keys.Order(StringComparer.Ordinal);
        var declared = ((YamlMappingNode)Load(ActionPath)["outputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Order(StringComparer.Ordinal);

        Assert.Equal(declared, written);
    }

    [Fact]
    public void EveryInputUsedIsDeclaredAndEveryDeclaredInputIsUsed()
    {
        var text = File.ReadAllText(ActionPath);
        var declared = ((YamlMappingNode)Load(ActionPath)["inputs"]).Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet(StringComparer.Ordinal);
        var used = InputReference().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        Assert.Equal(declared.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void SetsUpTheSdkFromGlobalJsonAndCachesTheBuild()
    {
        var steps = Steps(Load(ActionPath)["runs"]);
        var setup = steps.Single(s => s.Children.ContainsKey("uses") && ((YamlScalarNode)s["uses"]).Value!.StartsWith("actions/setup-dotnet@", StringComparison.Ordinal));
        var cache = steps.Single(s => s.Children.ContainsKey("uses") && ((YamlScalarNode)s["uses"]).Value!.StartsWith("actions/cache@", StringComparison.Ordinal));

        Assert.Contains("global.json", ((YamlScalarNode)((YamlMappingNode)setup["with"])["global-json-file"]).Value, StringComparison.Ordinal);
        Assert.Contains("steps.source.outputs.hash", ((YamlScalarNode)((YamlMappingNode)cache["with"])["key"]).Value, StringComparison.Ordinal);
        Assert.Equal("composite", ((YamlScalarNode)((YamlMappingNode)Load(ActionPath)["runs"])["using"]).Value);
    }

    [Theory]
    [MemberData(nameof(WorkflowFiles))]
    public void SampleWorkflowsKeepExpressionsOutOfScripts(string file)
    {
        var workflow = Load(Path.Combine(RepositoryPaths.Samples, "workflows", file));
        var jobs = (YamlMappingNode)workflow["jobs"];

        foreach (var job in jobs.Children.Values.Cast<YamlMappingNode>())
        {
            foreach (var step in ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>().Where(s => s.Children.ContainsKey("run")))
            {
                Assert.DoesNotContain("${{", ((YamlScalarNode)step["run"]).Value!, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void ForkSafeCollectorHasNoSecretsAndTheCheckerRunsOnWorkflowRun()
    {
        var collect = File.ReadAllText(Path.Combine(RepositoryPaths.Samples, "workflows", "datacontracts-collect.yml"));
        var check = Load(Path.Combine(RepositoryPaths.Samples, "workflows", "datacontracts-check.yml"));

        Assert.DoesNotContain("${{ secrets.", collect, StringComparison.Ordinal);
        Assert.DoesNotContain("pull_request_target", collect, StringComparison.Ordinal);
        Assert.True(((YamlMappingNode)check["on"]).Children.ContainsKey("workflow_run"));
    }

    private static YamlMappingNode Load(string path)
    {
        using var reader = new StreamReader(path);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static List<YamlMappingNode> Steps(YamlNode runs) =>
        [.. ((YamlSequenceNode)((YamlMappingNode)runs)["steps"]).Children.Cast<YamlMappingNode>()];

    private static string Name(YamlMappingNode step) =>
        step.Children.TryGetValue("name", out var name) ? ((YamlScalarNode)name).Value ?? "?" : "?";

    [GeneratedRegex(@"\$\{\{[^}]*\binputs\.")]
    private static partial Regex InputsExpression();

    [GeneratedRegex(@"\binputs\.([A-Za-z0-9_-]+)")]
    private static partial Regex InputReference();
}
