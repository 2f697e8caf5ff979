using Microsoft.Build.Framework;

namespace DataContracts.MSBuild;

/// <summary>The names of the calling project's global properties, so that the check can be built without them.</summary>
/// <remarks>
/// MSBuild builds a project once per build for each set of global properties. The check's project inherits the
/// caller's (Configuration, TargetFramework, a solution's configuration contents, ...); removing every one of
/// them leaves only the check's own settings, so projects that share those settings share one run.
/// </remarks>
public sealed class DataContractsGlobalProperties : Microsoft.Build.Utilities.Task
{
    /// <summary>One item per global property of the calling project.</summary>
    [Output]
    public string[] Names { get; private set; } = [];

    /// <inheritdoc />
    public override bool Execute()
    {
        if (BuildEngine is IBuildEngine6 engine)
        {
            Names = [.. engine.GetGlobalProperties().Keys.Order(StringComparer.OrdinalIgnoreCase)];
        }

        return true;
    }
}
