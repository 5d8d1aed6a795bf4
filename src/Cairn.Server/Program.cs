using Cairn.Archive.Configuration;
using Cairn.Server;
using Cairn.Server.Hosting;

if (args is ["hash-password"])
{
    // The password comes on standard input, so that it is not in the shell's history or the process list.
    var password = (await Console.In.ReadLineAsync().ConfigureAwait(false))?.TrimEnd('\r') ?? "";
    if (password.Length == 0)
    {
        await Console.Error.WriteLineAsync("cairn-archive hash-password: give the password on standard input").ConfigureAwait(false);
        return 2;
    }

    Console.Out.WriteLine(Cairn.Server.Security.PasswordHash.Create(password));
    return 0;
}

if (args.Any(a => a is "-h" or "--help"))
{
    Console.Out.WriteLine(ArchiveOptions.Usage);
    return 0;
}

ArchiveOptions options;
try
{
    options = ArchiveOptions.Parse(args, Environment.GetEnvironmentVariable);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"cairn-archive: {e.Message}").ConfigureAwait(false);
    return 2;
}

using var loggers = LoggerFactory.Create(logging => ArchiveApplication.ConfigureLogging(logging, options));
ArchiveRuntime runtime;
try
{
    runtime = await ArchiveRuntime.OpenAsync(options, loggers, CancellationToken.None).ConfigureAwait(false);
}
catch (Exception e) when (e is ConfigurationException or InvalidOperationException or ArgumentException or System.Data.Common.DbException or IOException or UnauthorizedAccessException)
{
    await Console.Error.WriteLineAsync($"cairn-archive: cannot start: {e.Message}").ConfigureAwait(false);
    return 1;
}

WebApplication app;
try
{
    app = ArchiveApplication.Build(options, runtime);
}
catch (ConfigurationException e)
{
    await runtime.DisposeAsync().ConfigureAwait(false);
    await Console.Error.WriteLineAsync($"cairn-archive: cannot start: {e.Message}").ConfigureAwait(false);
    return 1;
}

try
{
    await app.RunAsync().ConfigureAwait(false);
}
catch (IOException e)
{
    // Kestrel cannot bind (a port in use): say so in one line.
    await Console.Error.WriteLineAsync($"cairn-archive: cannot start: {e.Message}").ConfigureAwait(false);
    return 1;
}

return 0;
