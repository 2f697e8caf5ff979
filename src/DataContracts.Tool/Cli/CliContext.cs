using DataContracts.Hosting;

namespace DataContracts.Tool.Cli;

/// <summary>The process's surroundings as one value, so tests run the real command line in-process with their own.</summary>
internal sealed record CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public TextReader In { get; init; } = TextReader.Null;

    public required string WorkingDirectory { get; init; }

    /// <summary>Required so no test runs the command line against the real process environment by accident.</summary>
    public required IEnvironment Environment { get; init; }

    /// <summary>Colour and progress only when a person is watching a terminal.</summary>
    public bool IsTerminal { get; init; }

    /// <summary>Standard error is a terminal: a progress line may be drawn and erased there.</summary>
    public bool IsErrorTerminal { get; init; }

    public DateOnly? Today { get; init; }

    /// <summary>The clock for every command; tests pass their own.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public static CliContext ForProcess() => new()
    {
        Out = Console.Out,
        Error = Console.Error,
        In = Console.In,
        WorkingDirectory = System.Environment.CurrentDirectory,
        Environment = ProcessEnvironment.Instance,
        IsTerminal = !Console.IsOutputRedirected && System.Environment.GetEnvironmentVariable("NO_COLOR") is null,
        IsErrorTerminal = !Console.IsErrorRedirected,
    };
}
