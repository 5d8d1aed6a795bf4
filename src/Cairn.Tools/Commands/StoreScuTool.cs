using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Cairn.Dicom;
using Cairn.Dicom.IO;
using Cairn.Dicom.Network;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Tools.CommandLine;
using Cairn.Tools.Logging;
using Cairn.Tools.Network;
using Microsoft.Extensions.Logging;

namespace Cairn.Tools.Commands;

/// <summary>
/// storescu: sends every DICOM file found over one association. Presentation contexts come from the files' SOP
/// classes and transfer syntaxes; a file whose syntax the peer accepted is sent as its bytes stand, straight from
/// disk; a native file whose syntax was not accepted is re-encoded in one that was; a compressed one is reported.
/// </summary>
public sealed class StoreScuTool : ITool
{
    private static readonly ArgumentParser Parser = new(
        "storescu",
        "[options] -c AET@host:port [FILE|DIR]...",
        "Sends the DICOM files given (directories recursively; files that are not DICOM are skipped with a warning)\n"
        + "to AET@host:port over one association by C-STORE, then prints a summary. With no file it sends a C-ECHO.\n"
        + "Exits with 1 when anything failed.",
        [
            .. ScuTarget.Options("the storage SCP", "STORESCU"),
            new OptionSpec(["--priority"], "medium|high|low", "C-STORE priority (default medium)"),
            .. NetworkOptionSpecs.Common,
        ]);

    public string Name => "storescu";

    public bool RunsSocketCompletionsInline => true;

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var parsed = Parser.Parse(args);
        if (parsed.Has("help"))
        {
            output.Write(Parser.Help());
            return 0;
        }

        var target = ScuTarget.Parse(parsed, Name, "STORESCU");
        var peer = target.Peer;
        var priority = parsed.Value("priority")?.ToUpperInvariant() switch
        {
            null or "MEDIUM" => Priority.Medium,
            "HIGH" => Priority.High,
            "LOW" => Priority.Low,
            var other => throw new UsageException($"storescu: --priority {other}: expected medium, high or low"),
        };
        var logger = ToolLogging.Create(parsed, output);
        // Checked before the files are scanned, so that a wrong TLS option fails at once.
        _ = NetworkOptionSpecs.Tls(parsed, Name, isServer: false);

        var scan = Stopwatch.StartNew();
        var files = new List<StoreScuFile>();
        var skipped = 0;
        foreach (var path in Expand(parsed.Operands, errors))
        {
            if (StoreScuFile.TryOpen(path, out var file, out var problem))
            {
                files.Add(file);
            }
            else
            {
                skipped++;
                ToolLog.Skipped(logger, path, problem);
            }
        }

        ToolLog.Scanned(logger, files.Count + skipped, Math.Round(scan.Elapsed.TotalSeconds, 3));
        var proposals = Proposals(files);
        if (proposals.Count > 128)
        {
            errors.WriteLine($"storescu: the files need {proposals.Count} presentation contexts, more than the 128 one association can carry; send them in smaller groups");
            return 1;
        }

        var stopwatch = Stopwatch.StartNew();
        var sent = 0;
        var failed = 0;
        long bytes = 0;
        try
        {
            await using var association = await target.ConnectAsync(parsed, Name, proposals.Count > 0 ? proposals : [(DicomUids.Verification, [DicomUids.ImplicitVRLittleEndian])], logger, cancellationToken).ConfigureAwait(false);
            var name = association.Name;
            ToolLog.AssociationAccepted(logger, name, association.PresentationContexts.Count(c => c.IsAccepted), association.PresentationContexts.Count);

            if (files.Count == 0)
            {
                var echo = DimseCommand.CEchoRequest(association.NextMessageId());
                await association.SendAsync(echo, association.FindContext(DicomUids.Verification) ?? throw new AssociationAbortedException($"{peer.AETitle} did not accept the Verification SOP class"), (DicomDataset?)null, cancellationToken).ConfigureAwait(false);
                var status = (await association.ReceiveResponseAsync(echo, cancellationToken).ConfigureAwait(false)).Command.Status;
                failed += status.IsSuccess ? 0 : 1;
            }

            var progress = new SendProgress(errors, files.Count);
            foreach (var file in files)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (ok, size) = await SendAsync(association, name, file, priority, logger, cancellationToken).ConfigureAwait(false);
                if (ok)
                {
                    sent++;
                    bytes += size;
                }
                else
                {
                    failed++;
                }

                progress.Report(sent + failed, bytes);
            }

            progress.Done();
            await association.ReleaseAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AssociationRejectedException or AssociationAbortedException or IOException)
        {
            errors.WriteLine($"storescu: {peer}: {e.Message}");
            return 1;
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Sent {sent} objects ({bytes / 1048576.0:0.##} MB) in {seconds:0.###} s ({bytes / 1048576.0 / Math.Max(seconds, 1e-6):0.##} MB/s); {failed} failed, {skipped} skipped"));
        return failed > 0 ? 1 : 0;
    }

    private static async Task<(bool Ok, long Bytes)> SendAsync(DicomAssociation association, string name, StoreScuFile file, Priority priority, ILogger logger, CancellationToken cancellationToken)
    {
        // The whole file is read and parsed before anything is sent: a file cut short inside its pixel data (which
        // a header read does not see) must fail alone, not abort the association half way through its data set.
        // It is read into a pooled buffer, free again once the response has come: a new array per file would be a
        // large object per image, and a full garbage collection every few images.
        byte[]? buffer = null;
        try
        {
            ReadOnlyMemory<byte> bytes;
            DicomFile full;
            try
            {
                // A synchronous read: from the page cache it is quicker than the hand-over to another thread that an
                // asynchronous file read is on Linux.
                using var stream = new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
                var length = stream.Length <= Array.MaxLength ? (int)stream.Length : throw new IOException($"{stream.Length} bytes is more than one buffer can hold");
                buffer = ArrayPool<byte>.Shared.Rent(length);
                stream.ReadExactly(buffer, 0, length);
                bytes = buffer.AsMemory(0, length);
                full = DicomFile.Read(bytes);
            }
            catch (Exception e) when (e is DicomFormatException or IOException or UnauthorizedAccessException)
            {
                ToolLog.NotSent(logger, file.Path, e.Message);
                return (false, 0);
            }

            return await SendAsync(association, name, file, bytes, full, priority, logger, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static async Task<(bool Ok, long Bytes)> SendAsync(DicomAssociation association, string name, StoreScuFile file, ReadOnlyMemory<byte> bytes, DicomFile full, Priority priority, ILogger logger, CancellationToken cancellationToken)
    {
        // The file's own syntax first: as its bytes stand if they are a clean encoding of it, else re-encoded in the
        // same syntax (no codec needed, even for compressed pixel data); a native file may go in any native syntax.
        var candidates = association.PresentationContexts.Where(c => c.IsAccepted && c.AbstractSyntax == file.SopClassUid).OrderBy(c => c.Id).ToList();
        var same = candidates.FirstOrDefault(c => c.TransferSyntax!.Uid == file.TransferSyntax.Uid);
        var native = file.TransferSyntax.IsEncapsulated ? null : candidates.FirstOrDefault(c => !c.TransferSyntax!.IsEncapsulated);
        var clean = full.TransferSyntax.IsKnown && full.Warnings.All(w => !w.Message.Contains("implicit VR", StringComparison.Ordinal) && !w.Message.Contains("recognised", StringComparison.Ordinal));
        IEnumerable<ReadOnlyMemory<byte>> chunks;
        PresentationContext context;
        if (same is not null && clean)
        {
            context = same;
            chunks = [bytes[(int)full.DatasetOffset..]];
        }
        else if ((same ?? native) is { } target)
        {
            context = target;
            chunks = DicomDatasetSerializer.EncodeChunks(full.Dataset, context.TransferSyntax!);
        }
        else
        {
            ToolLog.NoContext(logger, file.Path, association.RemoteAETitle, Describe(file.SopClassUid), file.TransferSyntax.ToString());
            return (false, 0);
        }

        var request = DimseCommand.CStoreRequest(association.NextMessageId(), file.SopClassUid, file.SopInstanceUid, priority);
        await association.SendAsync(request, context, chunks, cancellationToken).ConfigureAwait(false);
        var response = (await association.ReceiveResponseAsync(request, cancellationToken).ConfigureAwait(false)).Command;
        if (response.Status.IsDone)
        {
            return (true, file.Length);
        }

        ToolLog.StoreFailed(logger, name, response.ToString(), file.Path, response.ErrorComment is { } c ? $"({c})" : "");
        return (false, 0);
    }

    /// <summary>
    /// One context per SOP class for native files (their own syntaxes first, so they can go as they are, then
    /// explicit and implicit VR little endian) and one per SOP class and compressed syntax.
    /// </summary>
    private static List<(string, IReadOnlyList<string>)> Proposals(List<StoreScuFile> files)
    {
        var native = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var encapsulated = new HashSet<(string, string)>();
        var order = new List<(string SopClass, string? Syntax)>();
        foreach (var file in files)
        {
            if (file.TransferSyntax.IsEncapsulated)
            {
                if (encapsulated.Add((file.SopClassUid, file.TransferSyntax.Uid)))
                {
                    order.Add((file.SopClassUid, file.TransferSyntax.Uid));
                }

                continue;
            }

            if (!native.TryGetValue(file.SopClassUid, out var syntaxes))
            {
                native[file.SopClassUid] = syntaxes = [];
                order.Add((file.SopClassUid, null));
            }

            if (!syntaxes.Contains(file.TransferSyntax.Uid))
            {
                syntaxes.Add(file.TransferSyntax.Uid);
            }
        }

        return [.. order.Select(o => o.Syntax is { } syntax
            ? (o.SopClass, (IReadOnlyList<string>)[syntax])
            : (o.SopClass, (IReadOnlyList<string>)[.. native[o.SopClass].Union([DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian])]))];
    }

    private static IEnumerable<string> Expand(IEnumerable<string> operands, TextWriter errors)
    {
        foreach (var operand in operands)
        {
            if (Directory.Exists(operand))
            {
                foreach (var file in Directory.EnumerateFiles(operand, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return file;
                }
            }
            else if (File.Exists(operand))
            {
                yield return operand;
            }
            else
            {
                errors.WriteLine($"storescu: {operand}: no such file or directory");
            }
        }
    }

    private static string Describe(string uid) => DicomUids.Lookup(uid) is { } info ? $"{uid} - {info.Name}" : uid;
}
