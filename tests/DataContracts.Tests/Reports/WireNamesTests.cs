using DataContracts.Application;
using DataContracts.Hosting;
using DataContracts.Impact;
using DataContracts.Reports;
using DataContracts.Tool.Cli;

namespace DataContracts.Tests.Reports;

/// <summary>Decisions are made on enums; these pin the names they are shown by, which are the CLI's and the report's wire format.</summary>
public class WireNamesTests
{
    [Fact]
    public void EveryCommandKindIsNamedAsItsSubcommand()
    {
        var context = new CliContext { Out = TextWriter.Null, Error = TextWriter.Null, WorkingDirectory = Path.GetTempPath(), Environment = DictionaryEnvironment.Empty };
        var subcommands = DataContractsCli.Create(context).Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(["check", "impact", "snapshot", "validate"], subcommands);
        Assert.Equal(subcommands, Enum.GetValues<CommandKind>().Select(k => k.Name()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryFormatAndVerbosityHasOneNameThatMapsBack()
    {
        Assert.Equal(["text", "json", "markdown", "github", "msbuild", "sarif", "junit"], CommonOptions.Formats);
        Assert.Equal(Enum.GetValues<OutputFormat>().Order(), OutputNames.Formats.Select(f => f.Format).Order());
        foreach (var format in Enum.GetValues<OutputFormat>())
        {
            Assert.Equal(format, OutputNames.FormatOf(format.Name()));
        }

        Assert.Equal(Verbosity.Quiet, OutputNames.VerbosityOf("q"));
        Assert.Equal(Verbosity.Detailed, OutputNames.VerbosityOf("detailed"));
        Assert.Equal(Verbosity.Normal, OutputNames.VerbosityOf("n"));
        Assert.Equal(Enum.GetValues<Verbosity>().Order(), OutputNames.Verbosities.Select(v => v.Verbosity).Distinct().Order());
    }

    [Fact]
    public void OriginsKeepTheirReportSpelling()
    {
        var failing = SampleResults.Failing();
        var impact = failing.Impacts[0];
        var downstream = Enum.GetValues<LineageOrigin>()
            .Select((origin, i) => impact.Downstream[0] with { Id = $"d-{i}", Origin = origin }).ToArray();
        var result = failing with { Impacts = [impact with { Downstream = [.. downstream] }] };

        var json = JsonReport.Build(result);
        var origins = json["impacts"]![0]!["downstream"]!.AsArray().Select(d => d!["origin"]!.GetValue<string>()).ToArray();

        Assert.Equal(["catalog", "dbt", "catalog+dbt"], origins);
    }
}
