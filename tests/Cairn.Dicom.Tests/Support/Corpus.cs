using System.Runtime.CompilerServices;

namespace Cairn.Dicom.Tests.Support;

/// <summary>The shared corpus of real-world files (../shared/corpus beside the repository) and what each should do.</summary>
public static class Corpus
{
    public static string Root { get; } = FindRoot();

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>Files that are not DICOM at all.</summary>
    public static IReadOnlySet<string> NotDicom { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "COPYRIGHT",
        "charset_files/FileInfo.txt",
        "test_files/README.txt",
        "test_files/dicomdirtests/README.txt",
        "test_files/dicomdirtests/TINY_ALPHA/README",
        "test_files/rtplan.dump",
        "test_files/rtstruct.dump",
        "test_files/test1.json",
        "test_files/test_PN.json",
        "test_files/zipMR.gz",
    };

    /// <summary>DICOM files cut short or broken beyond repair.</summary>
    public static IReadOnlySet<string> Broken { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "test_files/MR_truncated.dcm",
        "test_files/rtplan_truncated.dcm",
        // A stray byte before a data set without File Meta Information: every element is misaligned.
        "test_files/no_meta.dcm",
    };

    public static IEnumerable<string> AllFiles() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<string> ReadableFiles() => AllFiles().Where(f => !NotDicom.Contains(f) && !Broken.Contains(f));

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static TheoryData<string> Theory(IEnumerable<string> files)
    {
        var data = new TheoryData<string>();
        foreach (var f in files)
        {
            data.Add(f);
        }

        return data;
    }

    // The build output may live outside the repository (ArtifactsPath), so look from this source file too.
    private static string FindRepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? "" })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Cairn.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Cairn.slnx not found above " + AppContext.BaseDirectory);
    }

    private static string FindRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("CAIRN_CORPUS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        var candidate = Path.GetFullPath(Path.Combine(FindRepositoryRoot(), "..", "shared", "corpus", "pydicom"));
        return Directory.Exists(candidate)
            ? candidate
            : throw new InvalidOperationException($"the test corpus is not at {candidate}; set CAIRN_CORPUS to its folder");
    }
}
