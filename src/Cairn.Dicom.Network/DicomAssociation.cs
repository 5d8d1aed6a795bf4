using Cairn.Dicom.IO;
using Cairn.Dicom.Network.Association;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Dicom.Network.Pdus;
using Cairn.Dicom.Network.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cairn.Dicom.Network;

/// <summary>
/// An established association, on either side: sends DIMSE messages fragmented to the peer's maximum PDU length,
/// assembles received ones (streaming a data set to a sink when the receiver wants that), and ends with A-RELEASE or
/// A-ABORT. The Upper Layer protocol machine checks every PDU against the state. One reader at a time; sends may
/// come from several tasks.
/// </summary>
public sealed class DicomAssociation : IAsyncDisposable
{
    private readonly PduConnection _connection;
    private readonly AssociationStateMachine _machine;
    private readonly Dictionary<byte, PresentationContext> _contexts;
    private int _nextMessageId;

    // The response timer of a caller that cannot cancel (an exporter sending instance after instance): one timer
    // reset after each response, not a new one per message.
    private CancellationTokenSource? _responseTimer;

    internal DicomAssociation(PduConnection connection, AssociationStateMachine machine, AssociateRequestPdu request, AssociateAcceptPdu accept, string remoteHost, string localHost, string name, ILogger? logger)
    {
        _connection = connection;
        Name = name;
        Logger = logger ?? NullLogger.Instance;
        _machine = machine;
        Request = request;
        Accept = accept;
        RemoteHost = remoteHost;
        LocalHost = localHost;
        _contexts = [];
        foreach (var proposal in request.PresentationContexts)
        {
            var answer = accept.PresentationContexts.FirstOrDefault(a => a.Id == proposal.Id);
            var accepted = answer is { IsAccepted: true } && proposal.TransferSyntaxes.Contains(answer.TransferSyntax);
            _contexts[proposal.Id] = new PresentationContext(
                proposal.Id,
                proposal.AbstractSyntax,
                answer is null ? PresentationContextResult.NoReason : accepted ? PresentationContextResult.Acceptance : answer.Result is PresentationContextResult.Acceptance ? PresentationContextResult.TransferSyntaxesNotSupported : answer.Result,
                accepted ? DicomTransferSyntax.Lookup(answer!.TransferSyntax) : null);
        }
    }

    public AssociateRequestPdu Request { get; }

    /// <summary>How logs name this association, as dcm4che does: STORESCU->STORESCP(1) or STORESCP&lt;-STORESCU(1).</summary>
    public string Name { get; }

    /// <summary>Every message sent and received is logged here (INFO; with its command and data set at DEBUG).</summary>
    public ILogger Logger { get; }

    /// <summary>How long <see cref="ReceiveResponseAsync"/> waits before it aborts the association.</summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public AssociateAcceptPdu Accept { get; }

    public bool IsRequestor => _machine.IsRequestor;

    public string CallingAETitle => Request.CallingAETitle;

    public string CalledAETitle => Request.CalledAETitle;

    /// <summary>The peer's AE title: the called one for a requestor, the calling one for an acceptor.</summary>
    public string RemoteAETitle => IsRequestor ? CalledAETitle : CallingAETitle;

    public string LocalAETitle => IsRequestor ? CallingAETitle : CalledAETitle;

    /// <summary>The peer's IP address, as text (<c>127.0.0.1</c>).</summary>
    public string RemoteHost { get; }

    /// <summary>The local IP address the association runs on (the one it was received on, for an acceptor), in the form of <see cref="RemoteHost"/>.</summary>
    public string LocalHost { get; }

    public AssociationState State => _machine.State;

    public IReadOnlyCollection<PresentationContext> PresentationContexts => _contexts.Values;

    /// <summary>The largest PDU the peer receives (0: no limit).</summary>
    public uint PeerMaxPduLength => IsRequestor ? Accept.UserInformation.MaximumLength : Request.UserInformation.MaximumLength;

    /// <summary>The first accepted context for an abstract syntax, preferring <paramref name="transferSyntax"/> when given.</summary>
    public PresentationContext? FindContext(string abstractSyntax, string? transferSyntax = null) =>
        _contexts.Values.Where(c => c.IsAccepted && c.AbstractSyntax == abstractSyntax)
            .OrderBy(c => transferSyntax is not null && c.TransferSyntax!.Uid == transferSyntax ? 0 : 1)
            .ThenBy(c => c.Id)
            .FirstOrDefault();

    public PresentationContext? GetContext(byte id) => _contexts.GetValueOrDefault(id);

    /// <summary>A message ID not used before on this association (wraps after 65535).</summary>
    public ushort NextMessageId() => (ushort)((Interlocked.Increment(ref _nextMessageId) - 1) % 0xFFFF + 1);

    /// <summary>Sends a message whose data set (if any) is encoded here in the context's transfer syntax.</summary>
    public ValueTask SendAsync(DimseCommand command, PresentationContext context, DicomDataset? dataset, CancellationToken cancellationToken)
    {
        if (dataset is not null && Logger.IsEnabled(LogLevel.Debug))
        {
            NetworkLog.Dump(Logger, Name, "<<", string.Join('\n', new DicomDump().Lines(dataset)));
        }

        return SendAsync(command, context, dataset is null ? null : DicomDatasetSerializer.EncodeChunks(dataset, context.TransferSyntax!), cancellationToken);
    }

    /// <summary>Sends a message whose data set is already encoded in the context's transfer syntax, as chunks.</summary>
    public async ValueTask SendAsync(DimseCommand command, PresentationContext context, IEnumerable<ReadOnlyMemory<byte>>? datasetChunks, CancellationToken cancellationToken)
    {
        if (!context.IsAccepted)
        {
            throw new InvalidOperationException($"presentation context {context.Id} was not accepted");
        }

        if (command.HasDataset != datasetChunks is not null)
        {
            throw new InvalidOperationException($"{command.Name} says it has {(command.HasDataset ? "a" : "no")} data set, but {(datasetChunks is null ? "none" : "one")} was given");
        }

        Transition(AssociationEvent.DataRequestPrimitive);
        LogMessage("<<", command, context, null);
        await _connection.WriteMessageAsync(context.Id, command.Encode(), datasetChunks, PeerMaxPduLength, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a message whose data set is the next <paramref name="datasetLength"/> bytes of <paramref name="dataset"/>,
    /// already encoded in the context's transfer syntax (a stored file's data set as it is), read as it goes out.
    /// </summary>
    public async ValueTask SendAsync(DimseCommand command, PresentationContext context, Stream dataset, long datasetLength, CancellationToken cancellationToken)
    {
        if (!context.IsAccepted)
        {
            throw new InvalidOperationException($"presentation context {context.Id} was not accepted");
        }

        if (!command.HasDataset)
        {
            throw new InvalidOperationException($"{command.Name} says it has no data set, but one was given");
        }

        Transition(AssociationEvent.DataRequestPrimitive);
        LogMessage("<<", command, context, null);
        await _connection.WriteMessageAsync(context.Id, command.Encode(), dataset, datasetLength, PeerMaxPduLength, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The next message from the peer. <paramref name="openSink"/> may give a stream for a message's data set, which
    /// then goes there fragment by fragment instead of into memory. Null means the peer asked to release (answer with
    /// <see cref="AnswerReleaseAsync"/>), or, for a requestor, that the release completed.
    /// </summary>
    public async ValueTask<DimseMessage?> ReceiveAsync(Func<DimseCommand, PresentationContext, CancellationToken, ValueTask<Stream?>>? openSink, CancellationToken cancellationToken)
    {
        var commandBytes = new MemoryStream();
        DimseCommand? command = null;
        PresentationContext? context = null;
        MemoryStream? data = null;
        Stream? sink = null;
        while (true)
        {
            var pdu = await ReadAsync(cancellationToken).ConfigureAwait(false);
            switch (pdu)
            {
                case DataTransferPdu transfer:
                    await PeerEventAsync(AssociationEvent.DataTransferPduReceived, pdu).ConfigureAwait(false);
                    foreach (var pdv in transfer.Values)
                    {
                        var pdvContext = GetContext(pdv.PresentationContextId);
                        if (pdvContext is not { IsAccepted: true } || (context is not null && pdvContext.Id != context.Id))
                        {
                            throw await ProtocolErrorAsync($"a PDV arrived on presentation context {pdv.PresentationContextId}, which is {(pdvContext is null ? "unknown" : pdvContext.IsAccepted ? "not the message's" : "not accepted")}").ConfigureAwait(false);
                        }

                        context = pdvContext;
                        if (pdv.IsCommand)
                        {
                            if (command is not null)
                            {
                                throw await ProtocolErrorAsync($"a command fragment arrived inside the data set of {command.Name}").ConfigureAwait(false);
                            }

                            commandBytes.Write(pdv.Data.Span);
                            if (commandBytes.Length > 1 << 20)
                            {
                                throw await ProtocolErrorAsync("a command set is longer than 1 MiB").ConfigureAwait(false);
                            }

                            if (!pdv.IsLast)
                            {
                                continue;
                            }

                            try
                            {
                                command = DimseCommand.Decode(commandBytes.ToArray());
                            }
                            catch (DimseFormatException e)
                            {
                                throw await ProtocolErrorAsync(e.Message).ConfigureAwait(false);
                            }

                            LogMessage(">>", command, context, null);
                            if (!command.HasDataset)
                            {
                                return new DimseMessage(command, context, null, null);
                            }

                            sink = openSink is null ? null : await openSink(command, context, cancellationToken).ConfigureAwait(false);
                            data = sink is null ? new MemoryStream() : null;
                            continue;
                        }

                        if (command is null)
                        {
                            throw await ProtocolErrorAsync("a data set fragment arrived before its command set").ConfigureAwait(false);
                        }

                        if (sink is not null)
                        {
                            await sink.WriteAsync(pdv.Data, cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            data!.Write(pdv.Data.Span);
                        }

                        if (pdv.IsLast)
                        {
                            var message = new DimseMessage(command, context, data is null ? null : data.GetBuffer().AsMemory(0, (int)data.Length), sink);
                            if (message.DatasetBytes is not null && Logger.IsEnabled(LogLevel.Debug))
                            {
                                DumpReceived(message);
                            }

                            return message;
                        }
                    }

                    break;
                case ReleaseRequestPdu:
                    await PeerEventAsync(AssociationEvent.ReleaseRequestPduReceived, pdu).ConfigureAwait(false);
                    return command is null ? null : throw await ProtocolErrorAsync("the peer asked to release in the middle of a message").ConfigureAwait(false);
                case ReleaseResponsePdu:
                    await PeerEventAsync(AssociationEvent.ReleaseResponsePduReceived, pdu).ConfigureAwait(false);
                    await _connection.DisposeAsync().ConfigureAwait(false);
                    return null;
                default:
                    throw await UnexpectedAsync(pdu).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Receives the response to a request just sent, checking that it answers it.</summary>
    public async ValueTask<DimseMessage> ReceiveResponseAsync(DimseCommand request, CancellationToken cancellationToken)
    {
        DimseMessage? received;
        var timer = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : _responseTimer ?? new CancellationTokenSource();
        _responseTimer = null;
        timer.CancelAfter(ResponseTimeout);
        try
        {
            received = await ReceiveAsync(null, timer.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            timer.Dispose();
            await AbortAsync().ConfigureAwait(false);
            throw new AssociationAbortedException($"no response to {request.MessageId}:{request.Name} from {RemoteAETitle} within {ResponseTimeout.TotalSeconds:0.#} s; aborted");
        }
        catch
        {
            timer.Dispose();
            throw;
        }

        // TryReset stops the timer; it fails only when the timer fired meanwhile, and then it is not used again.
        if (!cancellationToken.CanBeCanceled && timer.TryReset())
        {
            _responseTimer = timer;
        }
        else
        {
            timer.Dispose();
        }

        var message = received
            ?? throw new AssociationAbortedException($"the peer asked to release while {request.Name} {request.MessageId} awaited its response");
        if (!message.Command.IsResponse || message.Command.MessageIdBeingRespondedTo != request.MessageId)
        {
            throw await ProtocolErrorAsync($"{message.Command} arrived where the response to {request.MessageId}:{request.Name} was expected").ConfigureAwait(false);
        }

        return message;
    }

    /// <summary>Requestor: A-RELEASE-RQ, then wait for A-RELEASE-RP and close.</summary>
    public async ValueTask ReleaseAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Transition(AssociationEvent.ReleaseRequestPrimitive);
        await _connection.WriteAsync(new ReleaseRequestPdu(), cancellationToken).ConfigureAwait(false);
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            while (State != AssociationState.Idle)
            {
                if (await ReceiveAsync(null, timer.Token).ConfigureAwait(false) is { } late)
                {
                    _ = late; // a response that crossed the release request; nothing waits for it any more
                }
                else if (State is AssociationState.CollisionRequestorAwaitingLocalResponse)
                {
                    Transition(AssociationEvent.ReleaseResponsePrimitive);
                    await _connection.WriteAsync(new ReleaseResponsePdu(), timer.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await AbortAsync().ConfigureAwait(false);
            throw new AssociationAbortedException($"no A-RELEASE-RP from {RemoteAETitle} within {timeout.TotalSeconds:0.#} s; aborted");
        }
    }

    /// <summary>Acceptor: answer the peer's A-RELEASE-RQ and close once it has gone.</summary>
    public async ValueTask AnswerReleaseAsync(CancellationToken cancellationToken)
    {
        Transition(AssociationEvent.ReleaseResponsePrimitive);
        await _connection.WriteAsync(new ReleaseResponsePdu(), cancellationToken).ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
        _machine.Handle(AssociationEvent.TransportClosed);
    }

    /// <summary>A-ABORT (service user) and close; never throws.</summary>
    public async ValueTask AbortAsync(AbortSource source = AbortSource.ServiceUser, AbortReason reason = AbortReason.NotSpecified)
    {
        if (State is AssociationState.Idle)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _connection.WriteAsync(new AbortPdu(source, reason), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection is already gone; closing it is all that is left.
        }

        await _connection.DisposeAsync().ConfigureAwait(false);
        ForceIdle();
    }

    public async ValueTask DisposeAsync()
    {
        if (State is not AssociationState.Idle)
        {
            await AbortAsync().ConfigureAwait(false);
        }

        _responseTimer?.Dispose();
        _responseTimer = null;
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    public override string ToString() => $"{CallingAETitle}->{CalledAETitle}";

    private void LogMessage(string direction, DimseCommand command, PresentationContext context, DicomDataset? dataset)
    {
        if (!Logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        NetworkLog.Message(Logger, Name, direction, DimseMessageText.Format(command, context));
        if (Logger.IsEnabled(LogLevel.Debug))
        {
            NetworkLog.Dump(Logger, Name, direction, string.Join('\n', new DicomDump().Lines(command.Dataset)));
            if (dataset is not null)
            {
                NetworkLog.Dump(Logger, Name, direction, string.Join('\n', new DicomDump().Lines(dataset)));
            }
        }
    }

    private void DumpReceived(DimseMessage message)
    {
        try
        {
            NetworkLog.Dump(Logger, Name, ">>", string.Join('\n', new DicomDump().Lines(message.Dataset!)));
        }
        catch (DicomFormatException e)
        {
            NetworkLog.Dump(Logger, Name, ">>", $"(the data set cannot be decoded: {e.Message})");
        }
    }

    private async ValueTask<Pdu> ReadAsync(CancellationToken cancellationToken)
    {
        Pdu? pdu;
        try
        {
            // Each PDV's data is copied (command bytes, data set, sink) before the next read: it may borrow the
            // connection's buffer.
            pdu = await _connection.ReadBorrowingAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PduFormatException e)
        {
            await AbortAsync(AbortSource.ServiceProvider, e.Reason).ConfigureAwait(false);
            throw new AssociationAbortedException($"{RemoteAETitle} sent an invalid PDU ({e.Message}); aborted", e);
        }
        catch (IOException e)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            ForceIdle();
            throw new AssociationAbortedException($"the connection to {RemoteAETitle} was lost: {e.Message}", e);
        }

        switch (pdu)
        {
            case null:
                await _connection.DisposeAsync().ConfigureAwait(false);
                ForceIdle();
                throw new AssociationAbortedException($"{RemoteAETitle} closed the connection without releasing the association");
            case AbortPdu abort:
                await _connection.DisposeAsync().ConfigureAwait(false);
                ForceIdle();
                throw new AssociationAbortedException($"{RemoteAETitle} aborted the association (source {abort.Source}, reason {abort.Reason})");
            default:
                return pdu;
        }
    }

    private async ValueTask<Exception> UnexpectedAsync(Pdu pdu)
    {
        await AbortAsync(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu).ConfigureAwait(false);
        return new AssociationAbortedException($"{RemoteAETitle} sent {pdu} in state Sta{(int)_machine.State}; aborted");
    }

    private async ValueTask<Exception> ProtocolErrorAsync(string problem)
    {
        await AbortAsync(AbortSource.ServiceProvider, AbortReason.InvalidPduParameterValue).ConfigureAwait(false);
        return new AssociationAbortedException($"{RemoteAETitle}: {problem}; aborted");
    }

    /// <summary>A PDU from the peer: follow the protocol machine, which aborts what the state does not allow.</summary>
    private async ValueTask PeerEventAsync(AssociationEvent e, Pdu pdu)
    {
        if (_machine.Next(_machine.State, e) is not { } next || next.Action is AssociationAction.AA1 or AssociationAction.AA8)
        {
            throw await UnexpectedAsync(pdu).ConfigureAwait(false);
        }

        _machine.Handle(e);
    }

    private void Transition(AssociationEvent e)
    {
        if (_machine.Next(_machine.State, e) is not { } next || next.Action is AssociationAction.AA1 or AssociationAction.AA8)
        {
            throw new InvalidOperationException($"{e} is not possible in state Sta{(int)_machine.State} ({_machine.State})");
        }

        _machine.Handle(e);
    }

    private void ForceIdle()
    {
        if (_machine.State is not AssociationState.Idle && _machine.Next(_machine.State, AssociationEvent.TransportClosed) is not null)
        {
            _machine.Handle(AssociationEvent.TransportClosed);
        }
    }
}
