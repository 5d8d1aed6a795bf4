using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Cairn.Archive.Storage;

namespace Cairn.Server.Hosting;

/// <summary>
/// What must be ready before the archive listens: the index (migrated), the configuration (loaded, or seeded on
/// first start) and the storage (incoming leftovers removed). Built before the web host, whose port is configuration.
/// </summary>
public sealed class ArchiveRuntime : IAsyncDisposable
{
    private ArchiveRuntime(IndexDatabase database, ConfigurationStore configuration, FileStorage storage, IndexWriter writer)
    {
        Database = database;
        Configuration = configuration;
        Storage = storage;
        Writer = writer;
    }

    public IndexDatabase Database { get; }

    public ConfigurationStore Configuration { get; }

    public FileStorage Storage { get; }

    public IndexWriter Writer { get; }

    public static async Task<ArchiveRuntime> OpenAsync(ArchiveOptions options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDirectory);
        var database = options.Database == DatabaseProvider.Sqlite
            ? IndexDatabase.Sqlite(Path.Combine(options.DataDirectory, "index.sqlite"))
            : IndexDatabase.PostgreSql(options.DatabaseUrl!);
        try
        {
            await new SchemaMigrator(database, loggers.CreateLogger<SchemaMigrator>()).MigrateAsync(cancellationToken).ConfigureAwait(false);
            var configuration = new ConfigurationStore(database, loggers.CreateLogger<ConfigurationStore>());
            if (options.ConfigurationFile is { } file)
            {
                await configuration.LoadAsync(() => ReadSeed(file), file, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await configuration.LoadAsync(DefaultConfiguration.Create, "the built-in default configuration", cancellationToken).ConfigureAwait(false);
            }

            var storage = new FileStorage(Path.Combine(options.DataDirectory, "storage"), loggers.CreateLogger<FileStorage>());
            storage.Open();
            return new ArchiveRuntime(database, configuration, storage, new IndexWriter(database, loggers.CreateLogger<IndexWriter>()));
        }
        catch
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync().ConfigureAwait(false);
        Configuration.Dispose();
        await Database.DisposeAsync().ConfigureAwait(false);
    }

    private static ArchiveDevice ReadSeed(string file)
    {
        string json;
        try
        {
            json = File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{file}: cannot read it: {e.Message}", e);
        }

        return ConfigurationJson.ParseDevice(json, file);
    }
}
