using Cairn.Dicom;

namespace Cairn.Tools.Commands;

/// <summary>Turns what can go wrong with an input file into the one line a user reads on stderr.</summary>
public static class FileProblem
{
    public static string Describe(string tool, string path, Exception exception) => exception switch
    {
        DicomFormatException e => $"{tool}: {path}: {e.Message}",
        FileNotFoundException or DirectoryNotFoundException => $"{tool}: {path}: no such file",
        UnauthorizedAccessException => $"{tool}: {path}: permission denied",
        IOException e => $"{tool}: {path}: {e.Message}",
        _ => $"{tool}: {path}: {exception.GetType().Name}: {exception.Message}",
    };
}
