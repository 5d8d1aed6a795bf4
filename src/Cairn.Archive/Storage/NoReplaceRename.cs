using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Cairn.Archive.Storage;

/// <summary>
/// rename(2) that never replaces an existing file (renameat2 with RENAME_NOREPLACE), in one system call. .NET's
/// <c>File.Move(overwrite: false)</c> makes a hard link and unlinks the old name instead: three metadata changes and
/// two journal entries per stored object where one does.
/// </summary>
internal static partial class NoReplaceRename
{
    private const int CurrentDirectory = -100; // AT_FDCWD
    private const uint NoReplace = 1; // RENAME_NOREPLACE
    private const int NoSuchEntry = 2; // ENOENT
    private const int Exists = 17; // EEXIST
    private const int InvalidArgument = 22; // EINVAL: the file system has no RENAME_NOREPLACE
    private const int NotImplemented = 38; // ENOSYS: the kernel has no renameat2

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> unless a file of that name exists.</summary>
    /// <exception cref="IOException">The rename failed for another reason than those <see cref="RenameOutcome"/> names.</exception>
    public static RenameOutcome Rename(string from, string to)
    {
        if (!OperatingSystem.IsLinux())
        {
            return RenameOutcome.Unsupported;
        }

        if (Renameat2(CurrentDirectory, from, CurrentDirectory, to, NoReplace) == 0)
        {
            return RenameOutcome.Renamed;
        }

        var error = Marshal.GetLastPInvokeError();
        return error switch
        {
            Exists => RenameOutcome.TargetExists,
            NoSuchEntry => RenameOutcome.NoSuchFolder,
            InvalidArgument or NotImplemented => RenameOutcome.Unsupported,
            _ => throw new IOException($"cannot rename {from} to {to}: {new Win32Exception(error).Message}"),
        };
    }

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Renameat2(int fromFolder, string from, int toFolder, string to, uint flags);
}
