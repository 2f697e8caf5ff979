using System.Reflection;
using System.Text.RegularExpressions;

using DataContracts.Diagnostics;

namespace DataContracts.Tests.Diagnostics;

/// <summary>The README's exit-code table is the contract with scripts and CI: it and <see cref="ExitCodes"/> must name the same codes.</summary>
public class ExitCodesTests
{
    [Fact]
    public void TheReadmeTableAndTheNamedExitCodesAgreeBothWays()
    {
        var documented = ReadmeExitCodes();
        var named = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .ToDictionary(f => f.Name, f => (int)f.GetRawConstantValue()!, StringComparer.Ordinal);

        Assert.NotEmpty(named);
        Assert.Equal(named.Keys.Order(StringComparer.Ordinal), documented.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, code) in documented)
        {
            Assert.True(named[name] == code, $"README says {name} is {code}; ExitCodes.{name} is {named[name]}");
        }

        Assert.Equal(named.Count, named.Values.Distinct().Count());
    }

    [Fact]
    public void TheUsualCodesKeepTheirConventionalNumbers()
    {
        // Scripts test these numbers, and 130 is the shell's number for SIGINT; changing one breaks users.
        Assert.Equal(0, ExitCodes.Success);
        Assert.Equal(1, ExitCodes.ContractViolation);
        Assert.Equal(2, ExitCodes.InvalidInput);
        Assert.Equal(3, ExitCodes.ServiceFailure);
        Assert.Equal(4, ExitCodes.InternalError);

        // The MSBuild task never loads the core: its copy of the number must follow.
        Assert.Equal(ExitCodes.InternalError, DataContracts.MSBuild.MSBuildCodes.ToolInternalErrorExitCode);
        Assert.Equal(130, ExitCodes.Cancelled);
    }

    /// <summary>Rows of the table under "## Exit codes": <c>| 0 | `Success` | meaning |</c>.</summary>
    private static Dictionary<string, int> ReadmeExitCodes()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = Array.FindIndex(lines, l => l.Trim().Equals("## Exit codes", StringComparison.Ordinal));
        Assert.True(start >= 0, "README.md has no '## Exit codes' section");
        var table = lines.Skip(start + 1)
            .SkipWhile(l => !l.TrimStart().StartsWith('|'))
            .TakeWhile(l => l.TrimStart().StartsWith('|'))
            .ToList();
        Assert.True(table.Count > 2, "the '## Exit codes' section has no table");
        var header = Cells(table[0]);
        var codeColumn = header.FindIndex(c => c.Equals("code", StringComparison.OrdinalIgnoreCase));
        var nameColumn = header.FindIndex(c => c.Equals("name", StringComparison.OrdinalIgnoreCase));
        Assert.True(codeColumn >= 0 && nameColumn >= 0, $"the exit-code table needs 'code' and 'name' columns: {table[0]}");

        var rows = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in table.Skip(2))
        {
            var cells = Cells(line);
            var name = cells[nameColumn].Trim('`');
            Assert.True(int.TryParse(cells[codeColumn], out var code), $"not a number in the code column: {line}");
            Assert.True(rows.TryAdd(name, code), $"{name} is documented twice");
        }

        return rows;
    }

    private static List<string> Cells(string row) =>
        [.. Regex.Split(row.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim())];
}

public class ResultExitCodeTests
{
    private static DataContracts.Application.CheckResult With(DataContracts.Application.CheckOutcome outcome, DataContracts.Application.CommandKind command = DataContracts.Application.CommandKind.Check, bool serviceFailed = false) =>
        DataContracts.Application.CheckResult.ForError([], serviceFailed, new DataContracts.Application.CheckStats(), "/repo") with { Outcome = outcome, Command = command };

    [Fact]
    public void EachOutcomeMapsToItsNamedExitCode()
    {
        Assert.Equal(ExitCodes.Success, With(DataContracts.Application.CheckOutcome.Pass).ExitCode);
        Assert.Equal(ExitCodes.Success, With(DataContracts.Application.CheckOutcome.Warn).ExitCode);
        Assert.Equal(ExitCodes.ContractViolation, With(DataContracts.Application.CheckOutcome.Fail).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, With(DataContracts.Application.CheckOutcome.Error).ExitCode);
        Assert.Equal(ExitCodes.ServiceFailure, With(DataContracts.Application.CheckOutcome.Error, serviceFailed: true).ExitCode);
    }

    [Fact]
    public void ImpactIsExplorationSoOnlyErrorsFailIt()
    {
        Assert.Equal(ExitCodes.Success, With(DataContracts.Application.CheckOutcome.Fail, DataContracts.Application.CommandKind.Impact).ExitCode);
        Assert.Equal(ExitCodes.ServiceFailure, With(DataContracts.Application.CheckOutcome.Error, DataContracts.Application.CommandKind.Impact, serviceFailed: true).ExitCode);
    }
}
