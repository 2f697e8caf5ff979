using DataContracts.Diagnostics;

namespace DataContracts.Tests.Diagnostics;

public class ExitCodesTests
{
    [Fact]
    public void ExitCodesAreTheDocumentedNumbers()
    {
        Assert.Equal(0, ExitCodes.Success);
        Assert.Equal(1, ExitCodes.ContractViolation);
        Assert.Equal(2, ExitCodes.InvalidInput);
        Assert.Equal(3, ExitCodes.ServiceFailure);
    }
}

public class ResultExitCodeTests
{
    private static DataContracts.Checking.CheckResult With(DataContracts.Checking.CheckOutcome outcome, string command = "check", bool serviceFailed = false) =>
        DataContracts.Checking.CheckResult.ForError([], serviceFailed, new DataContracts.Checking.CheckStats(), "/repo") with { Outcome = outcome, Command = command };

    [Fact]
    public void EachOutcomeMapsToItsNamedExitCode()
    {
        Assert.Equal(ExitCodes.Success, With(DataContracts.Checking.CheckOutcome.Pass).ExitCode);
        Assert.Equal(ExitCodes.Success, With(DataContracts.Checking.CheckOutcome.Warn).ExitCode);
        Assert.Equal(ExitCodes.ContractViolation, With(DataContracts.Checking.CheckOutcome.Fail).ExitCode);
        Assert.Equal(ExitCodes.InvalidInput, With(DataContracts.Checking.CheckOutcome.Error).ExitCode);
        Assert.Equal(ExitCodes.ServiceFailure, With(DataContracts.Checking.CheckOutcome.Error, serviceFailed: true).ExitCode);
    }

    [Fact]
    public void ImpactIsExplorationSoOnlyErrorsFailIt()
    {
        Assert.Equal(ExitCodes.Success, With(DataContracts.Checking.CheckOutcome.Fail, "impact").ExitCode);
        Assert.Equal(ExitCodes.ServiceFailure, With(DataContracts.Checking.CheckOutcome.Error, "impact", serviceFailed: true).ExitCode);
    }
}
