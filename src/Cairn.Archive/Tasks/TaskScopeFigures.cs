namespace Cairn.Archive.Tasks;

/// <summary>
/// What a task's run covered, recorded on the task (<c>NumberOfInstances</c>, <c>Modality</c>): a rule's export is
/// made before its study has arrived, so only its run knows them.
/// </summary>
/// <param name="NumberOfInstances">The instances it found.</param>
/// <param name="Modalities">Their series' modalities, distinct, backslash-separated as the task stores them.</param>
public sealed record TaskScopeFigures(long NumberOfInstances, string Modalities);
