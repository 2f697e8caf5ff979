using System.Runtime.InteropServices;

namespace DataContracts.IO;

/// <summary>
/// What kind of file a path leads to (following symlinks), asked before opening it: opening a FIFO blocks until
/// someone writes to it, and a device never ends, so neither may be opened at all. .NET reports every one of
/// them as <see cref="FileAttributes.Normal"/>; the runtime's own native shim (<c>libSystem.Native</c>, shipped
/// with every .NET runtime and linked into native builds) has the <c>stat</c> call .NET itself uses.
/// </summary>
internal static class FileKind
{
    public enum Type
    {
        Regular,
        Directory,
        Pipe,
        CharacterDevice,
        BlockDevice,
        Socket,
        Other,
    }

    /// <summary>The kind of the file at <paramref name="path"/>; null when it does not exist or cannot be asked (Windows).</summary>
    public static Type? Of(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        try
        {
            if (Native.Stat(System.Text.Encoding.UTF8.GetBytes(path + "\0"), out var status) != 0)
            {
                return null;
            }

            // The shim's own constants (pal_io.h), the same on every Unix.
            return (status.Mode & 0xF000) switch
            {
                0x8000 => Type.Regular,
                0x4000 => Type.Directory,
                0x1000 => Type.Pipe,
                0x2000 => Type.CharacterDevice,
                0x6000 => Type.BlockDevice,
                0xC000 => Type.Socket,
                _ => Type.Other,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Without the shim the size limit while reading still holds; only a FIFO could then block.
            return null;
        }
    }

    public static string Describe(Type type) => type switch
    {
        Type.Pipe => "a named pipe (FIFO)",
        Type.CharacterDevice => "a character device",
        Type.BlockDevice => "a block device",
        Type.Socket => "a socket",
        Type.Directory => "a folder",
        _ => "not a regular file",
    };

    /// <summary>The start of the shim's FileStatus; the buffer is larger than the whole struct on every version.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }

    private static class Native
    {
        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
        public static extern int Stat(byte[] path, out FileStatus status);
    }
}
