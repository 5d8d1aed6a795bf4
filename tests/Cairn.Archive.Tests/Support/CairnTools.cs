using Cairn.Dicom.Tests.Support;

namespace Cairn.Archive.Tests.Support;

/// <summary>Our command-line tools (storescp, ianscp, ...) as bin/ runs them: built by bin/build-tools once per run.</summary>
public static class CairnTools
{
    private static readonly Lazy<Task<string>> Executable = new(BuildAsync);

    /// <summary>Starts a tool as a long-running process (an SCP), e.g. ("ianscp", "-b", "IANSCP:11117").</summary>
    public static async Task<RunningProcess> StartAsync(string tool, params string[] arguments) =>
        RunningProcess.Start(await Executable.Value, [tool, .. arguments]);

    private static async Task<string> BuildAsync()
    {
        var build = await ProcessRunner.RunAsync(Path.Combine(Corpus.RepositoryRoot, "bin", "build-tools"), [], TimeSpan.FromMinutes(10), Corpus.RepositoryRoot);
        var path = build.OutputText.Trim();
        return build.ExitCode == 0 && File.Exists(path) ? path : throw new InvalidOperationException($"bin/build-tools failed: {build}");
    }
}
