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
