namespace DataContracts.Tool;

public static class Program
{
    public static int Main(string[] args) => 0;
}
