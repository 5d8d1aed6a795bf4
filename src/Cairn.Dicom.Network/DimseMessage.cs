using Cairn.Dicom.IO;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network;

/// <summary>
/// A received DIMSE message: its command, the presentation context it came in, and its data set — as bytes in the
/// context's transfer syntax, or already written to the sink the receiver chose for it.
/// </summary>
public sealed class DimseMessage
{
    private DicomDataset? _dataset;

    public DimseMessage(DimseCommand command, PresentationContext context, ReadOnlyMemory<byte>? datasetBytes, Stream? sink)
    {
        Command = command;
        Context = context;
        DatasetBytes = datasetBytes;
        Sink = sink;
    }

    public DimseCommand Command { get; }

    public PresentationContext Context { get; }

    /// <summary>The encoded data set when it was kept in memory; null when there is none or it went to <see cref="Sink"/>.</summary>
    public ReadOnlyMemory<byte>? DatasetBytes { get; }

    /// <summary>Where the data set was written as it arrived, when a sink was chosen for it.</summary>
    public Stream? Sink { get; }

    /// <summary>The data set decoded from <see cref="DatasetBytes"/>; null when there is none in memory.</summary>
    public DicomDataset? Dataset =>
        _dataset ??= DatasetBytes is { } bytes ? DicomDatasetSerializer.Decode(bytes, Context.TransferSyntax!) : null;

    public override string ToString() => $"{Command} ({Context})";
}
