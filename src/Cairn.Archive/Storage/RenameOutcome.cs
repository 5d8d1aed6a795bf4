namespace Cairn.Archive.Storage;

/// <summary>What <see cref="NoReplaceRename.Rename"/> did.</summary>
internal enum RenameOutcome
{
    Renamed,

    /// <summary>A file of the new name exists; nothing was renamed.</summary>
    TargetExists,

    /// <summary>The new name's folder (or the old file) does not exist; nothing was renamed.</summary>
    NoSuchFolder,

    /// <summary>This system or file system cannot rename without replacing; nothing was renamed.</summary>
    Unsupported,
}
