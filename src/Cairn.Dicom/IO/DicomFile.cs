namespace Cairn.Dicom.IO;

/// <summary>
/// A DICOM file: File Meta Information (group 0002) and the data set. Reads Part 10 files and bare data sets;
/// writes Part 10 files with a preamble, "DICM" and a File Meta Information group that is complete and true.
/// </summary>
public sealed class DicomFile
{
    // Most headers end within the first few kilobytes; larger ones are read in steps of four times more.
    private const int FirstChunk = 16 * 1024;

    public DicomFile(DicomDataset dataset, DicomTransferSyntax? transferSyntax = null)
        : this(new DicomDataset(), dataset, transferSyntax ?? DicomTransferSyntax.ExplicitVRLittleEndian, [], hadFileMetaInformation: false)
    {
    }

    internal DicomFile(DicomDataset fileMetaInformation, DicomDataset dataset, DicomTransferSyntax transferSyntax, IReadOnlyList<DicomReadWarning> warnings, bool hadFileMetaInformation)
    {
        FileMetaInformation = fileMetaInformation;
        Dataset = dataset;
        TransferSyntax = transferSyntax;
        Warnings = warnings;
        HadPart10Header = hadFileMetaInformation;
    }

    /// <summary>Group 0002 as read (empty for a bare data set); rewritten from the data set on save.</summary>
    public DicomDataset FileMetaInformation { get; }

    public DicomDataset Dataset { get; }

    /// <summary>The transfer syntax the data set was encoded in (as announced, or as recognised when not).</summary>
    public DicomTransferSyntax TransferSyntax { get; }

    /// <summary>What a lenient read tolerated.</summary>
    public IReadOnlyList<DicomReadWarning> Warnings { get; }

    /// <summary>
    /// Where the data set starts in the input (after the File Meta Information; for a deflated data set, where the
    /// deflated bytes start): a sender whose peer accepts the file's transfer syntax can send the bytes from here
    /// as they are.
    /// </summary>
    public long DatasetOffset { get; init; }

    /// <summary>The input had the preamble and DICM prefix of PS3.10.</summary>
    public bool HadPart10Header { get; }

    /// <summary>Reads a file from bytes already in memory; values are slices of <paramref name="data"/>.</summary>
    public static DicomFile Read(ReadOnlyMemory<byte> data, DicomReadOptions? options = null) =>
        DicomFileReader.Read(data, options ?? DicomReadOptions.Default);

    /// <summary>
    /// Reads the header of a file from its first bytes, up to <see cref="DicomReadOptions.StopAtTag"/> (which
    /// <paramref name="options"/> must name): the file when the stop tag lies within <paramref name="prefix"/>; null
    /// when more bytes are needed, which includes a prefix that cannot be told from a broken file (read the whole file
    /// then, for its error). Values are slices of <paramref name="prefix"/>.
    /// </summary>
    public static DicomFile? TryReadPrefix(ReadOnlyMemory<byte> prefix, DicomReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.StopAtTag is null)
        {
            throw new ArgumentException("a prefix can only be read up to a stop tag", nameof(options));
        }

        try
        {
            return prefix.IsEmpty ? null : DicomFileReader.TryRead(prefix, options, complete: false);
        }
        catch (DicomFormatException)
        {
            // A prefix may end anywhere, inside an element header too; only the whole file can be wrong.
            return null;
        }
    }

    /// <summary>
    /// Reads a file. The whole file is read once into one buffer that the values slice, so a file costs its own size
    /// in memory. With <see cref="DicomReadOptions.StopAtTag"/>, only as much as the header needs is read.
    /// </summary>
    public static DicomFile Open(string path, DicomReadOptions? options = null)
    {
        options ??= DicomReadOptions.Default;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        var length = stream.Length;
        if (length > Array.MaxLength)
        {
            throw new DicomFormatException($"{length} bytes is larger than one buffer can hold", 0);
        }

        if (options.StopAtTag is null || length <= FirstChunk)
        {
            var all = new byte[length];
            stream.ReadExactly(all);
            return DicomFileReader.Read(all, options);
        }

        // Header-only reading: read a prefix, parse, and read more only when the stop tag has not been reached.
        var size = FirstChunk;
        while (true)
        {
            var prefix = new byte[size];
            stream.Position = 0;
            stream.ReadExactly(prefix);
            if (TryReadPrefix(prefix, options) is { } file)
            {
                return file;
            }

            if (size == length)
            {
                throw new InvalidOperationException("a complete read asked for more data");
            }

            size = (int)Math.Min(length, (long)size * 4);
            if (size == length)
            {
                var all = new byte[length];
                stream.Position = 0;
                stream.ReadExactly(all);
                return DicomFileReader.Read(all, options);
            }
        }
    }

    public static async Task<DicomFile> OpenAsync(string path, DicomReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= DicomReadOptions.Default;
        if (options.StopAtTag is not null)
        {
            return Open(path, options);
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return DicomFileReader.Read(bytes, options);
    }

    /// <summary>Writes the file in <paramref name="transferSyntax"/> (default: the one it has).</summary>
    public void Save(Stream stream, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null)
    {
        foreach (var chunk in Encode(transferSyntax ?? TransferSyntax, options ?? DicomWriteOptions.Default))
        {
            stream.Write(chunk.Span);
        }
    }

    public void Save(string path, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1);
        Save(stream, transferSyntax, options);
    }

    public async Task SaveAsync(Stream stream, DicomTransferSyntax? transferSyntax = null, DicomWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        foreach (var chunk in Encode(transferSyntax ?? TransferSyntax, options ?? DicomWriteOptions.Default))
        {
            await stream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The File Meta Information this file is written with in <paramref name="transferSyntax"/>.</summary>
    public DicomDataset BuildFileMetaInformation(DicomTransferSyntax transferSyntax)
    {
        var meta = DicomFileHeader.BuildFileMetaInformation(
            UidOf(Dataset, DicomTags.SOPClassUID) ?? UidOf(FileMetaInformation, DicomTags.MediaStorageSOPClassUID) ?? "",
            UidOf(Dataset, DicomTags.SOPInstanceUID) ?? UidOf(FileMetaInformation, DicomTags.MediaStorageSOPInstanceUID) ?? "",
            transferSyntax);
        foreach (var kept in new[] { DicomTags.SourceApplicationEntityTitle, DicomTags.SendingApplicationEntityTitle, DicomTags.ReceivingApplicationEntityTitle, DicomTags.PrivateInformationCreatorUID, DicomTags.PrivateInformation })
        {
            if (FileMetaInformation.Get(kept) is { } element)
            {
                meta.Set(element);
            }
        }

        return meta;
    }

    /// <summary>A UID for the File Meta Information, if the element holds one: damaged input must not stop a save.</summary>
    private static string? UidOf(DicomDataset dataset, DicomTag tag) =>
        dataset.TryGetString(tag, out var uid) && uid.Length > 0 && DicomValueValidator.CheckUid(uid) is null ? uid : null;

    private IEnumerable<ReadOnlyMemory<byte>> Encode(DicomTransferSyntax transferSyntax, DicomWriteOptions options)
    {
        if (Dataset.Get(DicomTags.PixelData) is { } pixelData && (pixelData is DicomFragments) != transferSyntax.IsEncapsulated)
        {
            throw new InvalidOperationException(
                $"the pixel data is {(pixelData is DicomFragments ? "encapsulated" : "native")}; writing it as {transferSyntax.Name} needs a codec");
        }

        yield return DicomFileHeader.Encode(BuildFileMetaInformation(transferSyntax));

        foreach (var chunk in DicomDatasetSerializer.EncodeChunks(Dataset, transferSyntax, options))
        {
            yield return chunk;
        }
    }
}
