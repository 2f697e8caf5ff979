using System.Collections.Immutable;
using DataContracts.Catalog;
using DataContracts.Diagnostics;

namespace DataContracts.Application;

/// <summary>
/// What every core command shares: the overall deadline, the clock (the request's <see cref="TimeProvider"/>),
/// the workspace that paths are shown relative to, the catalog to count requests of and dispose, and one
/// mapping of bad input, unusable services and an expired deadline to an error result. Commands only fill in
/// their own work.
/// </summary>
internal sealed class CommandScope
{
    private readonly TimeProvider time;
    private readonly long started;

    private CommandScope(CheckRequest request)
    {
        time = request.Time;
        started = time.GetTimestamp();

        // Found up front, the same way the run finds them, so an error result names the contract file and the
        // right workspace even when the run stops before reading it (a bad contract file, a bad manifest).
        try
        {
            ContractPath = ContractLocator.Locate(request.WorkingDirectory, request.ContractsPath);
        }
        catch (InputException)
        {
            ContractPath = null;
        }

        var folder = ContractPath is null ? request.WorkingDirectory : Path.GetDirectoryName(ContractPath) ?? request.WorkingDirectory;
        Workspace = ContractLocator.FindRepositoryRoot(folder) ?? folder;
    }

    /// <summary>Where the run's workspace root will be; the run confirms it once the contract file is read.</summary>
    public string Workspace { get; set; }

    /// <summary>The contract file's full path, when one was found.</summary>
    public string? ContractPath { get; }

    /// <summary>The catalog in use, if any: its requests are counted in every result, and it is disposed at the end.</summary>
    public ICatalog? Catalog { get; set; }

    /// <summary>What the run fetched into temporary folders (production state): deleted at the end, after every read.</summary>
    public List<IDisposable> Owned { get; } = [];

    public long ElapsedMs => (long)time.GetElapsedTime(started).TotalMilliseconds;

    /// <summary>Variables whose values are redacted from the result, besides <see cref="SecretRedactor.KnownVariables"/>: the contract's <c>token_env</c>.</summary>
    public HashSet<string> SecretVariables { get; } = new(StringComparer.Ordinal);

    public ImmutableArray<Diagnostic> Normalize(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics.Select(d => PathDisplay.Normalize(d, Workspace))];

    public static async Task<CheckResult> RunAsync(
        CheckRequest request, CommandKind command, Func<CommandScope, CancellationToken, Task<CheckResult>> work, CancellationToken cancellationToken)
    {
        var scope = new CommandScope(request);
        var result = await RunCoreAsync(scope, request, command, work, cancellationToken).ConfigureAwait(false);
        return SecretRedactor.For(request.Environment, scope.SecretVariables).Redact(result);
    }

    private static async Task<CheckResult> RunCoreAsync(
        CommandScope scope, CheckRequest request, CommandKind command, Func<CommandScope, CancellationToken, Task<CheckResult>> work, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (request.Timeout is { } timeout)
        {
            deadline.CancelAfter(timeout);
        }

        try
        {
            return await work(scope, deadline.Token).ConfigureAwait(false) with { Command = command };
        }
        catch (InputException e)
        {
            return scope.Error(command, e.Diagnostics, serviceFailed: false);
        }
        catch (ServiceException e)
        {
            return scope.Error(command, [e.Diagnostic], serviceFailed: true);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return scope.Error(command, [Deadline(command, request.Timeout, keptPartial: false)], serviceFailed: true);
        }
        finally
        {
            (scope.Catalog as IDisposable)?.Dispose();
            scope.Owned.ForEach(o => o.Dispose());
        }
    }

    /// <summary>The deadline diagnostic; with <paramref name="keptPartial"/> the caller keeps and reports what was found before it.</summary>
    public static Diagnostic Deadline(CommandKind command, TimeSpan? timeout, bool keptPartial) => DiagnosticCodes.DeadlineExceeded.Create(
        $"The {command.Name()} did not finish within {timeout?.TotalSeconds ?? 0:0} seconds"
            + (keptPartial ? "." : ", before anything could be checked; the report says only that."),
        hint: "Check that the catalog is reachable and responsive, or raise --timeout.");

    public CheckStats Stats => new() { ApiRequests = Catalog?.RequestCount ?? 0, ElapsedMs = ElapsedMs };

    private CheckResult Error(CommandKind command, IEnumerable<Diagnostic> diagnostics, bool serviceFailed) =>
        CheckResult.ForError(Normalize(diagnostics), serviceFailed, Stats, Workspace) with
        {
            Command = command,
            ContractFile = ContractPath is null ? null : PathDisplay.ToWorkspaceRelative(ContractPath, Workspace),
        };
}
