using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DataContracts.Tests.GitHub;

/// <summary>Every Action input is documented in docs/github.md and reaches the tool as data: one argument each, never shell code.</summary>
public partial class ActionInputsTests
{
    private static IReadOnlyList<string> Inputs()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "action.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        var inputs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["inputs"];
        return [.. inputs.Children.Keys.Select(k => ((YamlScalarNode)k).Value!)];
    }

    [Fact]
    public void EveryInputIsDocumentedInGithubMdAndPassedToTheCheckStep()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "github.md")).ReplaceLineEndings("\n");
        var start = docs.IndexOf("| input | default |", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/github.md has no inputs table");
        var end = docs.IndexOf("\n\n", start, StringComparison.Ordinal);
        var table = docs[start..(end < 0 ? docs.Length : end)];
        var documented = DocumentedInput().Matches(table).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var passed = ActionStep.EnvironmentOfCheckStep().Values.SelectMany(v => InputReference().Matches(v).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

        foreach (var input in Inputs())
        {
            Assert.True(documented.Contains(input), $"action input '{input}' has no row in docs/github.md's inputs table");
            Assert.True(passed.Contains(input), $"action input '{input}' is not passed to the check step through env:");
        }

        // And no row documents an input the action does not have.
        Assert.Subset(Inputs().ToHashSet(StringComparer.Ordinal), documented);
    }

    [Theory]
    [InlineData("manifest", "DC_MANIFEST", "--manifest=")]
    [InlineData("state", "DC_STATE", "--state=")]
    [InlineData("dbt-catalog", "DC_DBT_CATALOG", "--dbt-catalog=")]
    [InlineData("format", "DC_FORMAT", "--format=")]
    [InlineData("max-depth", "DC_MAX_DEPTH", "--max-depth=")]
    [InlineData("timeout", "DC_TIMEOUT", "--timeout=")]
    [InlineData("cache-dir", "DC_CACHE_DIR", "--cache-dir=")]
    public async Task AHostileInputValueIsOneArgumentAndRunsNothing(string input, string variable, string option)
    {
        using var folder = new TempFolder();
        Assert.Equal($"${{{{ inputs.{input} }}}}", ActionStep.EnvironmentOfCheckStep()[variable]);
        var fakeBin = FakeDotnet(folder);
        var hostile = $"x\"; touch {folder.Combine("pwned")}; echo \"$(touch {folder.Combine("pwned2")}) `touch {folder.Combine("pwned3")}` --comment";

        var run = await ActionStep.RunAsync(folder.Path, Environment(folder, (variable, hostile)), fakeBin);

        Assert.True(run.ExitCode == 0, run.All);
        var args = File.ReadAllText(folder.Combine("args")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(option + hostile, args);
        Assert.DoesNotContain("--comment", args);
        Assert.False(File.Exists(folder.Combine("pwned")));
        Assert.False(File.Exists(folder.Combine("pwned2")));
        Assert.False(File.Exists(folder.Combine("pwned3")));
    }

    [Fact]
    public async Task AValueThatLooksLikeAnOptionStaysTheInputsValue()
    {
        using var folder = new TempFolder();
        var fakeBin = FakeDotnet(folder);

        var run = await ActionStep.RunAsync(folder.Path, Environment(folder, ("DC_MANIFEST", "--comment"), ("DC_MAX_DEPTH", "3")), fakeBin);

        Assert.True(run.ExitCode == 0, run.All);
        var args = File.ReadAllText(folder.Combine("args")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("--manifest=--comment", args);
        Assert.Contains("--max-depth=3", args);
        Assert.DoesNotContain("--comment", args);
    }

    [Fact]
    public async Task TheBuiltToolReadsTheEqualsFormTheActionPasses()
    {
        using var workspace = new SampleWorkspace();

        var run = await ActionStep.RunAsync(workspace.Path, new Dictionary<string, string?>
        {
            ["TOOL_DIR"] = AppContext.BaseDirectory,
            ["RUNNER_TEMP"] = workspace.Path,
            ["DC_WORKING_DIRECTORY"] = ".",
            ["DC_CHANGED_FILES"] = "changed.txt",
            ["DC_MANIFEST"] = "target/manifest.json",
            ["DC_FORMAT"] = "json",
            ["DC_MAX_DEPTH"] = "2",
            ["DC_TIMEOUT"] = "120",
            ["DC_CACHE_DIR"] = workspace.Combine("cache"),
        });

        Assert.True(run.ExitCode == 1, run.All);
        Assert.Equal("option", (string?)System.Text.Json.Nodes.JsonNode.Parse(run.Out)!["artifacts"]!["manifestFrom"]);
        Assert.True(File.Exists(workspace.Combine("datacontracts-report.json")));
    }

    [Fact]
    public async Task ABadNumberIsTheToolsCodedErrorNotAShellError()
    {
        using var workspace = new SampleWorkspace();

        var run = await ActionStep.RunAsync(workspace.Path, new Dictionary<string, string?>
        {
            ["TOOL_DIR"] = AppContext.BaseDirectory,
            ["RUNNER_TEMP"] = workspace.Path,
            ["DC_WORKING_DIRECTORY"] = ".",
            ["DC_CHANGED_FILES"] = "changed.txt",
            ["DC_MAX_DEPTH"] = "1; echo hi",
        });

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--max-depth", run.All, StringComparison.Ordinal);
        Assert.DoesNotContain("\nhi\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void SampleWorkflowsParseAndGiveTheActionOnlyInputsItDeclares()
    {
        var declared = Inputs().ToHashSet(StringComparer.Ordinal);
        var uses = 0;
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Samples, "workflows"), "*.yml"))
        {
            using var reader = new StreamReader(file);
            var stream = new YamlStream();
            stream.Load(reader);
            var jobs = (YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["jobs"];
            foreach (var step in jobs.Children.Values.Cast<YamlMappingNode>().SelectMany(j => ((YamlSequenceNode)j["steps"]).Children.Cast<YamlMappingNode>()))
            {
                if (!step.Children.TryGetValue("uses", out var action) || !((YamlScalarNode)action).Value!.StartsWith("datacontracts/datacontracts@", StringComparison.Ordinal))
                {
                    continue;
                }

                uses++;
                var with = step.Children.TryGetValue("with", out var w) ? (YamlMappingNode)w : new YamlMappingNode();
                foreach (var key in with.Children.Keys.Select(k => ((YamlScalarNode)k).Value!))
                {
                    Assert.True(declared.Contains(key), $"{Path.GetFileName(file)} gives the action '{key}', which action.yml does not declare");
                }
            }
        }

        Assert.True(uses >= 2, "the samples no longer use the action");
    }

    private static Dictionary<string, string?> Environment(TempFolder folder, params (string Name, string Value)[] inputs)
    {
        var environment = new Dictionary<string, string?>
        {
            ["TOOL_DIR"] = folder.Path,
            ["RUNNER_TEMP"] = folder.Path,
            ["DC_WORKING_DIRECTORY"] = ".",
            ["ARGS_FILE"] = folder.Combine("args"),
        };
        foreach (var (name, value) in inputs)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>A <c>dotnet</c> first on PATH that writes its arguments NUL-separated, exactly as received.</summary>
    private static string FakeDotnet(TempFolder folder)
    {
        var script = folder.Write("bin/dotnet", "#!/usr/bin/env bash\nprintf '%s\\0' \"$@\" > \"$ARGS_FILE\"\n");
        Assert.SkipWhen(OperatingSystem.IsWindows(), "The composite action's steps run in bash on Linux and macOS runners.");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return Path.GetDirectoryName(script)!;
    }

    [GeneratedRegex(@"^\| `([a-z0-9-]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedInput();

    [GeneratedRegex(@"\binputs\.([A-Za-z0-9_-]+)")]
    private static partial Regex InputReference();
}
