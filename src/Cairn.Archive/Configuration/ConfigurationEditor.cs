namespace Cairn.Archive.Configuration;

/// <summary>
/// Changes to part of the configuration (one exporter, rule, queue or remote AE) as editors make them: applied to the
/// version the editor read, validated as a whole, and saved only when nothing is wrong and nobody saved meanwhile.
/// Problems come back as a list rather than an exception so that a form can put each next to its field.
/// </summary>
public sealed class ConfigurationEditor(ConfigurationStore store)
{
    /// <summary>Applies <paramref name="change"/> to the current configuration, which must be at <paramref name="readVersion"/> when given.</summary>
    public async Task<ConfigurationEdit> ChangeAsync(Func<ArchiveDevice, ArchiveDevice> change, long? readVersion, CancellationToken cancellationToken)
    {
        if (readVersion is { } read && read != store.Version)
        {
            return Conflicted(read);
        }

        var device = change(store.Current);
        var problems = ConfigurationValidator.Problems(device);
        if (problems.Count > 0)
        {
            return new ConfigurationEdit(null, problems, null);
        }

        try
        {
            return new ConfigurationEdit(await store.SaveAsync(device, readVersion, cancellationToken).ConfigureAwait(false), [], null);
        }
        catch (ConfigurationConflictException)
        {
            return Conflicted(readVersion ?? store.Version);
        }
    }

    /// <summary>
    /// Adds or replaces the remote AE <paramref name="ae"/> (under <paramref name="previousTitle"/> when it is renamed);
    /// the archive's own AEs are not remote AEs and are refused.
    /// </summary>
    public Task<ConfigurationEdit> PutRemoteAEAsync(RemoteAE ae, string? previousTitle, long? readVersion, CancellationToken cancellationToken)
    {
        if (store.Current.FindLocalAE(ae.AETitle) is not null)
        {
            return Task.FromResult(new ConfigurationEdit(null, [$"dicomAETitle: '{ae.AETitle}' is one of the archive's own AEs; change it in the device configuration"], null));
        }

        var replaced = previousTitle ?? ae.AETitle;
        return ChangeAsync(
            device => device with
            {
                RemoteApplicationEntities = device.RemoteApplicationEntities.Any(r => r.AETitle == replaced)
                    ? [.. device.RemoteApplicationEntities.Select(r => r.AETitle == replaced ? ae : r)]
                    : [.. device.RemoteApplicationEntities, ae],
            },
            readVersion,
            cancellationToken);
    }

    /// <summary>Removes the remote AE <paramref name="aeTitle"/>; refused (with the reason) while an exporter or rule still names it.</summary>
    public Task<ConfigurationEdit> DeleteRemoteAEAsync(string aeTitle, long? readVersion, CancellationToken cancellationToken) =>
        store.Current.FindLocalAE(aeTitle) is not null
            ? Task.FromResult(new ConfigurationEdit(null, [$"'{aeTitle}' is one of the archive's own AEs; change it in the device configuration"], null))
            : ChangeAsync(device => device with { RemoteApplicationEntities = [.. device.RemoteApplicationEntities.Where(r => r.AETitle != aeTitle)] }, readVersion, cancellationToken);

    private ConfigurationEdit Conflicted(long read) =>
        new(null, [], $"The configuration was changed by someone else (version {store.Version}, this form was read at version {read}). Reload the page and make the change again.");
}
