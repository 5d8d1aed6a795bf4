namespace Cairn.Tools.Tests.Support;

/// <summary>The DCMTK tools (Debian's dcmtk, which test.sh installs) that the oracle tests compare with.</summary>
public static class Dcmtk
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public static Task<ProcessResult> Dcm2JsonAsync(string path, IEnumerable<string> readOptions) =>
        ProcessRunner.RunAsync("/usr/bin/dcm2json", [.. readOptions, path], Timeout);

    /// <summary>dcmdump +L: every value in full, so that binary values can be compared byte for byte.</summary>
    public static Task<ProcessResult> DumpAsync(string path, IEnumerable<string> readOptions) =>
        ProcessRunner.RunAsync("/usr/bin/dcmdump", ["+L", .. readOptions, path], Timeout);

    /// <summary>dcmodify in place without a backup; it writes a Part 10 file in the transfer syntax it read.</summary>
    public static Task<ProcessResult> ModifyAsync(string path, IEnumerable<string> readOptions, params string[] modifications) =>
        ProcessRunner.RunAsync("/usr/bin/dcmodify", [.. readOptions, "-nb", .. modifications, path], Timeout);

    /// <summary>dcmconv +uc: elements read as UN whose tag DCMTK's dictionary knows get their real VR.</summary>
    public static Task<ProcessResult> ConvertUnknownAsync(string input, string output, IEnumerable<string> readOptions) =>
        ProcessRunner.RunAsync("/usr/bin/dcmconv", [.. readOptions, "+uc", input, output], Timeout);
}
