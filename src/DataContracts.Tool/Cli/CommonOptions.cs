using System.CommandLine;

using DataContracts.Contracts;
using DataContracts.Reports;

namespace DataContracts.Tool.Cli;

/// <summary>Options shared by several commands, defined once so names and help text never drift.</summary>
internal static class CommonOptions
{
    public static readonly string[] Formats = [.. OutputNames.Formats.Select(f => f.Name)];

    public static Option<string?> Contracts() => new("--contracts")
    {
        Description = "The contract file (default: datacontracts.yml in the current folder or at the repository root).",
        HelpName = "FILE",
    };

    public static Option<string?> Manifest() => new("--manifest")
    {
        Description = "dbt manifest.json for exact model-to-table mapping (default: dbt.manifest in the contract file).",
        HelpName = "FILE",
    };

    public static Option<string?> State() => new("--state")
    {
        Description = "Production's dbt artifacts folder (manifest.json, optional catalog.json), as dbt's --state: production relations and change classes (default: dbt.state).",
        HelpName = "DIR",
    };

    public static Option<string?> DbtCatalog() => new("--dbt-catalog")
    {
        Description = "This change's dbt catalog.json (dbt docs generate): exact columns and types (default: dbt.catalog).",
        HelpName = "FILE",
    };

    public static Option<string?> CatalogSnapshot() => new("--catalog-snapshot")
    {
        Description = "Use this catalog snapshot instead of the Secoda API (offline).",
        HelpName = "FILE",
    };

    public static Option<string[]> SqlCmdVar() => new("--sqlcmd-var")
    {
        Description = "A SQLCMD variable of the database projects, NAME=VALUE; repeatable. Wins over sqlproj.variables and the project's defaults.",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Upper bounds a person would never need; they keep the deadline within what a timer can hold.</summary>
    public const int MaxDepthLimit = PolicySettings.MaxDepthLimit;

    public const int TimeoutLimitSeconds = 86_400;

    public static Option<int?> MaxDepth() => WholeNumberOption.Create(
        "--max-depth", 1, MaxDepthLimit, "Lineage hops followed downstream, 1 or more (default: policy.max_depth, else 10).", "N");

    public static Option<string> Format()
    {
        var option = new Option<string>("--format")
        {
            Description = "Output format on standard output.",
            DefaultValueFactory = _ => "text",
        };
        option.AcceptOnlyFromAmong(Formats);
        return option;
    }

    public static Option<string?> Report() => new("--report")
    {
        Description = "Also write the JSON report to FILE, whatever --format is (written atomically).",
        HelpName = "FILE",
    };

    public static Option<bool> WarningsAsErrors() => new("--warnings-as-errors")
    {
        Description = "Treat warnings (non-blocking impact, unresolved models) as a failure (exit code 1).",
    };

    public static Option<int?> Timeout() => WholeNumberOption.Create(
        "--timeout", 1, TimeoutLimitSeconds, "Overall deadline in seconds, 1 to 86400 (default 300).", "SECONDS");

    public static Option<string?> CacheDir() => new("--cache-dir")
    {
        Description = "Opt-in on-disk catalog cache folder.",
        HelpName = "DIR",
    };

    public static Option<string> Verbosity()
    {
        var option = new Option<string>("--verbosity", "-v")
        {
            Description = "How much to print: quiet, normal or detailed.",
            DefaultValueFactory = _ => "normal",
        };
        option.AcceptOnlyFromAmong([.. OutputNames.Verbosities.Select(v => v.Name)]);
        return option;
    }
}
