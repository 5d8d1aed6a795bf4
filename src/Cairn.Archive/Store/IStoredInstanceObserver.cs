namespace Cairn.Archive.Store;

/// <summary>Told of every object stored (or received again), after the index committed it; export rules watch this way.</summary>
public interface IStoredInstanceObserver
{
    Task OnStoredAsync(StoredObject stored, CancellationToken cancellationToken);
}
