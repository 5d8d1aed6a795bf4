using Cairn.Archive.Index;
using Dapper;
using Microsoft.Extensions.Logging;

namespace Cairn.Archive.Configuration;

/// <summary>
/// The configuration as the index database holds it: read at start (seeded on first start), changed as a whole
/// document with a version that goes up by one per change, and told to whoever watches (the DICOM listener).
/// </summary>
public sealed partial class ConfigurationStore : IDisposable
{
    private const string DocumentName = "device";

    private readonly IndexDatabase _database;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<Action<ArchiveDevice>> _watchers = [];
    private readonly Lock _watchersLock = new();
    private volatile ArchiveDevice _current = DefaultConfiguration.Create();

    public ConfigurationStore(IndexDatabase database, ILogger logger)
    {
        _database = database;
        _logger = logger;
    }

    /// <summary>The configuration in effect.</summary>
    public ArchiveDevice Current => _current;

    /// <summary>The version of <see cref="Current"/> (1 for the seed).</summary>
    public long Version { get; private set; }

    /// <summary>
    /// Loads the stored configuration; on first start stores <paramref name="seed"/> (validated) first. A stored
    /// configuration that no longer validates stops the start, with the problem named.
    /// </summary>
    public async Task LoadAsync(Func<ArchiveDevice> seed, string seedSource, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<(string Document, long Version)?>(new CommandDefinition(
            "SELECT document, version FROM configuration WHERE name = @name", new { name = DocumentName }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is { } stored)
        {
            var device = ConfigurationJson.ParseDevice(stored.Document, "the configuration stored in the index");
            ConfigurationValidator.ThrowIfInvalid(device, "the configuration stored in the index");
            _current = device;
            Version = stored.Version;
            LogLoaded(device.DeviceName, stored.Version);
            return;
        }

        var initial = seed();
        ConfigurationValidator.ThrowIfInvalid(initial, seedSource);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            _database.Dialect(
                "INSERT INTO configuration (name, document, version, updated_time) VALUES (@name, @document, 1, @time) ON CONFLICT (name) DO NOTHING",
                "INSERT INTO configuration (name, document, version, updated_time) VALUES (@name, @document, 1, @time) ON CONFLICT (name) DO NOTHING"),
            new { name = DocumentName, document = ConfigurationJson.Write(initial), time = IndexTime.Format(DateTimeOffset.UtcNow) },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (inserted == 0)
        {
            // Another archive on the same database seeded it first: take theirs.
            await LoadAsync(seed, seedSource, cancellationToken).ConfigureAwait(false);
            return;
        }

        _current = initial;
        Version = 1;
        LogSeeded(initial.DeviceName, seedSource);
    }

    /// <summary>
    /// Replaces the configuration with <paramref name="device"/> after validating it; <paramref name="expectedVersion"/>
    /// (when given) must be the stored version, so that two editors do not overwrite each other unknowingly.
    /// </summary>
    public async Task<long> SaveAsync(ArchiveDevice device, long? expectedVersion, CancellationToken cancellationToken)
    {
        ConfigurationValidator.ThrowIfInvalid(device, "the configuration");
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT version FROM configuration WHERE name = @name", new { name = DocumentName }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (expectedVersion is { } expected && expected != version)
            {
                throw new ConfigurationConflictException($"the configuration is at version {version}, not {expected}: it changed since it was read");
            }

            var updated = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE configuration SET document = @document, version = @next, updated_time = @time WHERE name = @name AND version = @version",
                new { name = DocumentName, document = ConfigurationJson.Write(device), next = version + 1, version, time = IndexTime.Format(DateTimeOffset.UtcNow) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (updated == 0)
            {
                throw new ConfigurationConflictException("the configuration changed while it was being saved");
            }

            _current = device;
            Version = version + 1;
            LogSaved(device.DeviceName, Version);
        }
        finally
        {
            _writeGate.Release();
        }

        Action<ArchiveDevice>[] watchers;
        lock (_watchersLock)
        {
            watchers = [.. _watchers];
        }

        foreach (var watcher in watchers)
        {
            watcher(device);
        }

        return Version;
    }

    /// <summary>Changes the configuration by <paramref name="change"/> applied to the current one.</summary>
    public Task<long> UpdateAsync(Func<ArchiveDevice, ArchiveDevice> change, CancellationToken cancellationToken) =>
        SaveAsync(change(_current), null, cancellationToken);

    /// <summary>Calls <paramref name="watcher"/> with every configuration saved from now on.</summary>
    public IDisposable Watch(Action<ArchiveDevice> watcher)
    {
        lock (_watchersLock)
        {
            _watchers.Add(watcher);
        }

        return new Subscription(this, watcher);
    }

    private void Unwatch(Action<ArchiveDevice> watcher)
    {
        lock (_watchersLock)
        {
            _watchers.Remove(watcher);
        }
    }

    public void Dispose() => _writeGate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration of device {Device} loaded from the index (version {Version})")]
    private partial void LogLoaded(string device, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration of device {Device} seeded from {Source}")]
    private partial void LogSeeded(string device, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Configuration of device {Device} saved (version {Version})")]
    private partial void LogSaved(string device, long version);

    private sealed class Subscription(ConfigurationStore store, Action<ArchiveDevice> watcher) : IDisposable
    {
        public void Dispose() => store.Unwatch(watcher);
    }
}
