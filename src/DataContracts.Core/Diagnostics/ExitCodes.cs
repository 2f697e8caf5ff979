namespace DataContracts.Diagnostics;

/// <summary>The only exit codes the tool uses. Documented in the README; unit-tested.</summary>
internal static class ExitCodes
{
    /// <summary>No blocking impact (warnings may exist).</summary>
    public const int Success = 0;

    /// <summary>Contract violation: blocking downstream impact found.</summary>
    public const int ContractViolation = 1;

    /// <summary>Invalid input: arguments, contract file, manifest, unreadable files.</summary>
    public const int InvalidInput = 2;

    /// <summary>The catalog or GitHub could not be used.</summary>
    public const int ServiceFailure = 3;

    /// <summary>
    /// A bug of the tool (DC9001), not the input's fault nor a service's: kept apart from <see cref="InvalidInput"/>
    /// so a script or CI never tells the user to fix an input that was fine (dotnet/format keeps them apart too).
    /// </summary>
    public const int InternalError = 4;

    /// <summary>Interrupted (Ctrl+C): the shell's convention for SIGINT; no report is written.</summary>
    public const int Cancelled = 130;
}
