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
    private static DataContracts.Application.CheckResult With(DataContracts.Application.CheckOutcome outcome, string command = "check", bool serviceFailed = false) =>
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
        Assert.Equal(ExitCodes.Success, With(DataContracts.Application.CheckOutcome.Fail, "impact").ExitCode);
        Assert.Equal(ExitCodes.ServiceFailure, With(DataContracts.Application.CheckOutcome.Error, "impact", serviceFailed: true).ExitCode);
    }
}
