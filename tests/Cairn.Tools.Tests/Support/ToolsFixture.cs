using Cairn.Dicom.Tests.Support;

namespace Cairn.Tools.Tests.Support;

/// <summary>
/// Builds the command-line tools once per test run as bin/ builds them (bin/build-tools, which honours
/// CAIRN_ARTIFACTS and does nothing when they are up to date), then runs them as bin/NAME does: dotnet cairn.dll NAME.
/// The tests run the built dll rather than the bin/ scripts so that sources edited during a run cannot start a
/// rebuild between two tests; one test runs the bin/ scripts themselves.
/// </summary>
public sealed class ToolsFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The tools' dll that bin/build-tools built.</summary>
    public string DllPath { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var build = await ProcessRunner.RunAsync(Path.Combine(Corpus.RepositoryRoot, "bin", "build-tools"), [], TimeSpan.FromMinutes(10), Corpus.RepositoryRoot);
        if (build.ExitCode != 0 || build.TimedOut)
        {
            throw new InvalidOperationException($"bin/build-tools failed: {build}");
        }

        DllPath = build.OutputText.Trim();
        if (!File.Exists(DllPath))
        {
            throw new InvalidOperationException($"bin/build-tools printed {DllPath}, which does not exist");
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public Task<ProcessResult> RunAsync(string tool, params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [DllPath, tool, .. arguments], Timeout, Corpus.RepositoryRoot);

    public Task<ProcessResult> RunInEnvironmentAsync(IReadOnlyDictionary<string, string> environment, string tool, params string[] arguments) =>
        ProcessRunner.RunAsync("dotnet", [DllPath, tool, .. arguments], Timeout, Corpus.RepositoryRoot, environment);
}
