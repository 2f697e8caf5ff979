namespace DataContracts.Tool.Cli;

/// <summary>One line on a terminal's standard error, redrawn in place for each stage and erased by the next output.</summary>
internal sealed class ProgressLine(TextWriter error) : IProgress<string>
{
    private readonly Lock gate = new();

    public void Report(string value)
    {
        lock (gate)
        {
            // \r and "erase line" keep it to one line; the report written afterwards starts on a clean line.
            error.Write("\r\u001b[2K" + DataContracts.Text.PrintableText.Value(value) + "…\r");
            error.Flush();
        }
    }
}
