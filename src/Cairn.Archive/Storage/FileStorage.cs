using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Storage;

/// <summary>
/// The archive's files under one root: objects arrive in <c>.incoming/</c> under temporary names and are renamed to
/// their place (<see cref="StoragePaths"/>) once complete, so a stored path always holds a whole object. What a crash
/// leaves in <c>.incoming/</c> is deleted at the next start.
/// </summary>
public sealed partial class FileStorage
{
    private const string IncomingFolder = ".incoming";

    private readonly ILogger _logger;

    public FileStorage(string root, ILogger logger)
    {
        Root = Path.GetFullPath(root);
        _logger = logger;
    }

    /// <summary>The storage root, absolute.</summary>
    public string Root { get; }

    private string Incoming => Path.Combine(Root, IncomingFolder);

    /// <summary>Makes the folders and removes what an interrupted run left in the incoming folder.</summary>
    public void Open()
    {
        Directory.CreateDirectory(Incoming);
        var removed = 0;
        foreach (var leftover in Directory.EnumerateFiles(Incoming))
        {
            File.Delete(leftover);
            removed++;
        }

        if (removed > 0)
        {
            LogLeftoversRemoved(removed, Incoming);
        }
    }

    /// <summary>A new temporary file for an object on its way in.</summary>
    public IncomingFileStream CreateIncoming() => new(Path.Combine(Incoming, $"{Guid.NewGuid():N}.part"));

    /// <summary>Deletes a temporary file that will not become an object.</summary>
    public static void Discard(IncomingFileStream file)
    {
        file.Dispose();
        File.Delete(file.Path);
    }

    /// <summary>
    /// Moves a completed temporary file to <paramref name="relativePath"/> and returns where it went. An existing file
    /// there is never overwritten: the returned path then has a suffix. The folder is not flushed here: the index
    /// writer flushes it (<see cref="FolderOf"/>) before the commit that records the file, once for all the files of a
    /// batch that went into it.
    /// </summary>
    public string Commit(IncomingFileStream file, string relativePath)
    {
        var target = FullPath(relativePath);
        var folderMade = false;
        for (var attempt = 1; attempt <= 100; attempt++)
        {
            var suffix = attempt == 1 ? "" : $"-{attempt}";
            var candidate = target + suffix;
            var outcome = NoReplaceRename.Rename(file.Path, candidate);
            if (outcome == RenameOutcome.NoSuchFolder && !folderMade)
            {
                // The folder is made on the first miss only, not tried for every object: most objects go where others went.
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                folderMade = true;
                outcome = NoReplaceRename.Rename(file.Path, candidate);
            }

            var moved = outcome switch
            {
                RenameOutcome.Renamed => true,
                RenameOutcome.TargetExists => false,
                RenameOutcome.NoSuchFolder => throw new IOException($"cannot move {file.Path} to {candidate}: the file or the folder does not exist"),
                _ => MoveWithoutReplacing(file.Path, candidate),
            };
            if (moved)
            {
                return relativePath + suffix;
            }
        }

        throw new IOException($"cannot move {file.Path} to {target}: it and 99 suffixed names exist");
    }

    // Where renameat2 cannot be used: .NET's move, which does not replace either (a link and an unlink on Unix).
    private static bool MoveWithoutReplacing(string from, string to)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        try
        {
            File.Move(from, to, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(to))
        {
            return false;
        }
    }

    /// <summary>The absolute path of the folder a stored object is in: the one to flush after its rename.</summary>
    public string FolderOf(string relativePath) => Path.GetDirectoryName(FullPath(relativePath))!;

    /// <summary>Deletes a stored object; a file already gone is no error.</summary>
    public void Delete(string relativePath) => File.Delete(FullPath(relativePath));

    /// <summary>Opens a stored object for reading.</summary>
    public FileStream OpenRead(string relativePath) =>
        new(FullPath(relativePath), FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);

    /// <summary>The absolute path of a stored object; refuses a relative path that would leave the root.</summary>
    public string FullPath(string relativePath)
    {
        var full = Path.GetFullPath(Path.Combine(Root, relativePath));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{relativePath}' is not inside the storage", nameof(relativePath));
        }

        return full;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removed {Count} incomplete object(s) an interrupted run left in {Folder}")]
    private partial void LogLeftoversRemoved(int count, string folder);
}
