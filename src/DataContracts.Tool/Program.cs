using DataContracts.Tool.Cli;

namespace DataContracts.Tool;

public static class Program
{
    public static Task<int> Main(string[] args) => DataContractsCli.InvokeAsync(args, CliContext.ForProcess());
}
