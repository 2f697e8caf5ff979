using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DataContracts.Tests.Support;

/// <summary>Ctrl+C for a child process, as a terminal sends it: SIGINT, straight from .NET rather than through kill(1).</summary>
internal static class CtrlC
{
    // The same number on Linux and macOS.
    private const int SigInt = 2;

    /// <summary>
    /// The command that starts a child with SIGINT at its default action, or null where there is none. A process
    /// started from a background job inherits SIGINT as ignored (POSIX) and .NET then leaves it ignored; CI runners
    /// and test hosts are such jobs. GNU env's <c>--default-signal</c> undoes that before exec, as an interactive
    /// terminal would have it, so the signal reaches the tool as Ctrl+C does.
    /// </summary>
    public static string[]? DefaultSignalPrefix { get; } = Probe();

    /// <summary>Why a Ctrl+C test cannot run here, or null when it can.</summary>
    public static string? Unsupported =>
        OperatingSystem.IsWindows() ? "Ctrl+C is sent as SIGINT, which Windows does not have."
        : DefaultSignalPrefix is null ? "This system's env has no --default-signal (GNU coreutils 8.31+), needed to undo the SIGINT a background job's children inherit as ignored."
        : null;

    public static void Send(Process process)
    {
        if (kill(process.Id, SigInt) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), $"SIGINT to process {process.Id} failed");
        }
    }

    private static string[]? Probe()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            using var probe = Process.Start(new ProcessStartInfo("env", ["--default-signal=INT", "true"]) { RedirectStandardError = true })!;
            probe.StandardError.ReadToEnd();
            probe.WaitForExit();
            return probe.ExitCode == 0 ? ["env", "--default-signal=INT"] : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
