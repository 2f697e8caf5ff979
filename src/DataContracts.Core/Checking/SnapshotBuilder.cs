namespace DataContracts.Checking;

/// <summary><c>snapshot</c>: walks the live catalog from every model the contracts name and saves what it reaches.</summary>
public static class SnapshotBuilder
{
    public static Task<CheckResult> WriteAsync(CheckRequest request, string outputPath, CancellationToken cancellationToken) =>
        throw new NotImplementedException(outputPath + request + cancellationToken);
}
