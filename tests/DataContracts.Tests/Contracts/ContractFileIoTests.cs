using System.Text;

using DataContracts.Contracts;
using DataContracts.Diagnostics;

namespace DataContracts.Tests.Contracts;

public class ContractFileIoTests
{
    private static readonly DateOnly Today = new(2026, 6, 1);

    [Fact]
    public void MissingFileIsDc2001WithThePath()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "datacontracts.yml");

        var diagnostic = Refused(path);

        Assert.Equal("DC2001", diagnostic.Code);
        Assert.Equal((path, 0), (diagnostic.Location!.File, diagnostic.Location.Line));
        Assert.Contains("does not exist", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("--contracts", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void FolderInsteadOfFileIsDc2001SayingSo()
    {
        using var temp = new TempFolder();

        var diagnostic = Refused(temp.Path);

        Assert.Equal("DC2001", diagnostic.Code);
        Assert.Contains("is a folder", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(temp.Path, "datacontracts.yml"), diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void BinaryFileIsDc2003()
    {
        using var temp = new TempFolder();
        var path = temp.Write("datacontracts.yml", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D]);

        var diagnostic = Refused(path);

        Assert.Equal("DC2003", diagnostic.Code);
        Assert.Contains("binary", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Latin1FileIsDc2003()
    {
        using var temp = new TempFolder();
        var path = temp.Write("datacontracts.yml", Encoding.Latin1.GetBytes("version: 1\ncontracts:\n  - name: caf\u00e9\n    models: [a]\n"));

        var diagnostic = Refused(path);

        Assert.Equal("DC2003", diagnostic.Code);
        Assert.Contains("UTF-8", diagnostic.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Utf16FileIsDc2003()
    {
        using var temp = new TempFolder();
        var path = temp.Write("datacontracts.yml", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("version: 1\n")]);

        Assert.Equal("DC2003", Refused(path).Code);
    }

    [Fact]
    public void FileLockedByAnotherWriterIsDc2002()
    {
        using var temp = new TempFolder();
        var path = temp.Write("datacontracts.yml", "version: 1\n");
        using var writer = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

        var diagnostic = Refused(path);

        Assert.Equal("DC2002", diagnostic.Code);
        Assert.Equal(path, diagnostic.Location!.File);
    }

    [Fact]
    public void FileInsideCurrentFolderIsShownRelative()
    {
        var absolute = Path.Combine(System.Environment.CurrentDirectory, "sub", "datacontracts.yml");

        Assert.Equal(Path.Combine("sub", "datacontracts.yml"), ContractFileReader.DisplayPath(absolute));
        Assert.Equal("../x.yml", ContractFileReader.DisplayPath("../x.yml"));
    }

    [Fact]
    public void ReadReportsProblemsAgainstTheFile()
    {
        using var temp = new TempFolder();
        var path = temp.Write("datacontracts.yml", "version: 1\npolicy:\n  max_depth: -2\n");

        var diagnostic = Refused(path);

        Assert.Equal(("DC2015", path, 3, 14), (diagnostic.Code, diagnostic.Location!.File, diagnostic.Location.Line, diagnostic.Location.Column));
    }

    private static Diagnostic Refused(string path)
    {
        var error = Assert.Throws<InputException>(() => ContractFileReader.Read(path, Today));
        return Assert.Single(error.Diagnostics);
    }
}
