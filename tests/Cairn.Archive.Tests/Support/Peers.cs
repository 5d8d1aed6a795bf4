namespace Cairn.Archive.Tests.Support;

/// <summary>DCMTK's tools and ours, run against an archive under test.</summary>
public static class Peers
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    // DCMTK leaves Nagle's algorithm on unless told; loopback stores would stall on delayed ACKs.
    private static readonly Dictionary<string, string> DcmtkEnvironment = new(StringComparer.Ordinal) { ["TCP_NODELAY"] = "1" };

    /// <summary>Runs a DCMTK tool (storescu, findscu, movescu, getscu, echoscu) with <paramref name="arguments"/>.</summary>
    public static Task<ProcessResult> DcmtkAsync(string tool, params string[] arguments) =>
        ProcessRunner.RunAsync(tool, arguments, Timeout, environment: DcmtkEnvironment);

    /// <summary>
    /// DCMTK storescu sending <paramref name="files"/> (or folders) to the archive over one association, going on
    /// after a failure (-nh), proposing the uncompressed syntaxes and, with <paramref name="options"/>, others (-xw).
    /// </summary>
    public static Task<ProcessResult> StoreAsync(TestArchive archive, string[] files, params string[] options) =>
        DcmtkAsync("storescu", ["-R", "-nh", "-aec", TestArchive.AETitle, "-aet", "STORESCU", "+sd", "+r", .. options, "127.0.0.1", archive.DicomPort.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files]);

    /// <summary>DCMTK storescu sending <paramref name="files"/> with the uncompressed syntaxes.</summary>
    public static Task<ProcessResult> StoreAsync(TestArchive archive, params string[] files) => StoreAsync(archive, files, []);
}
