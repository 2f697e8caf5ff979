using DataContracts.Application;

namespace DataContracts.Tool.Cli;

/// <summary>The parts of a request every command fills the same way.</summary>
internal static class Requests
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public static CheckRequest Base(CliContext context, string? contracts, int? timeoutSeconds) => new()
    {
        WorkingDirectory = context.WorkingDirectory,
        ContractsPath = contracts,
        Environment = context.Environment,
        Today = context.Today,
        Time = context.Time,
        CatalogConnector = DeferredSecodaConnector.Instance,
        StateFetcher = DeferredStateFetcher.Instance,
        Timeout = timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : DefaultTimeout,
        Progress = context.IsErrorTerminal ? new ProgressLine(context.Error) : null,
    };
}
