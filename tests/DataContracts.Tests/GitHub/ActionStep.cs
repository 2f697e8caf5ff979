using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace DataContracts.Tests.GitHub;

/// <summary>
/// Runs the script of action.yml's tool step (id <c>check</c>) with bash, as the runner would: the inputs arrive
/// as the step's <c>env:</c> variables (<c>DC_*</c>), <c>TOOL_DIR</c> holds the built tool (this test run's
/// <c>datacontracts.dll</c>, or a fake <c>dotnet</c> on <c>PATH</c> that records its arguments).
/// </summary>
internal static class ActionStep
{
    public static string Script()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "action.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        var steps = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["runs"])["steps"];
        var check = steps.Children.Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue("id", out var id) && ((YamlScalarNode)id).Value == "check");
        return ((YamlScalarNode)check["run"]).Value!;
    }

    /// <summary>The names of the check step's <c>env:</c> variables and the input each takes, when it takes one.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentOfCheckStep()
    {
        using var reader = new StreamReader(Path.Combine(RepositoryPaths.Root, "action.yml"));
        var stream = new YamlStream();
        stream.Load(reader);
        var steps = (YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)stream.Documents[0].RootNode)["runs"])["steps"];
        var check = steps.Children.Cast<YamlMappingNode>().Single(s => s.Children.TryGetValue("id", out var id) && ((YamlScalarNode)id).Value == "check");
        return ((YamlMappingNode)check["env"]).Children.ToDictionary(e => ((YamlScalarNode)e.Key).Value!, e => ((YamlScalarNode)e.Value).Value ?? string.Empty, StringComparer.Ordinal);
    }

    public static async Task<CliRunner.Run> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string? pathPrefix = null)
    {
        var info = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-e");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script());
        ChildEnvironment.Apply(info, environment);
        if (pathPrefix is not null)
        {
            info.Environment["PATH"] = pathPrefix + Path.PathSeparator + info.Environment["PATH"];
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new CliRunner.Run(process.ExitCode, await stdout, await stderr);
    }
}
