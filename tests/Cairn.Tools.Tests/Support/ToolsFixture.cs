using Cairn.Dicom.Tests.Support;

namespace Cairn.Tools.Tests.Support;

/// <summary>
/// Builds the command-line tools once per test run as bin/ builds them (bin/build-tools, which honours
/// CAIRN_ARTIFACTS and does nothing when they are up to date), then runs them as bin/NAME does: the native
/// executable cairn with NAME as its first argument. The tests run the built executable rather than the bin/ scripts
/// so that sources edited during a run cannot start a rebuild between two tests; one test runs the bin/ scripts
/// themselves.
/// </summary>
public sealed class ToolsFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The tools' executable that bin/build-tools built.</summary>
    public string ExecutablePath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var build = await ProcessRunner.RunAsync(Path.Combine(Corpus.RepositoryRoot, "bin", "build-tools"), [], TimeSpan.FromMinutes(10), Corpus.RepositoryRoot);
        if (build.ExitCode != 0 || build.TimedOut)
        {
            throw new InvalidOperationException($"bin/build-tools failed: {build}");
        }

        ExecutablePath = build.OutputText.Trim();
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"bin/build-tools printed {ExecutablePath}, which does not exist");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public Task<ProcessResult> RunAsync(string tool, params string[] arguments) =>
        ProcessRunner.RunAsync(ExecutablePath, [tool, .. arguments], Timeout, Corpus.RepositoryRoot);

    public Task<ProcessResult> RunInEnvironmentAsync(IReadOnlyDictionary<string, string> environment, string tool, params string[] arguments) =>
        ProcessRunner.RunAsync(ExecutablePath, [tool, .. arguments], Timeout, Corpus.RepositoryRoot, environment);
}
