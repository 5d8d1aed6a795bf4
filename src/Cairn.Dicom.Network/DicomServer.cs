using System.Net;
using System.Net.Sockets;
using Cairn.Dicom.Network.Association;
using Cairn.Dicom.Network.Dimse;
using Cairn.Dicom.Network.Pdus;
using Cairn.Dicom.Network.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cairn.Dicom.Network;

/// <summary>
/// An SCP: listens, negotiates each association by its <see cref="Negotiation.AcceptancePolicy"/>, and serves many
/// associations at once, each on its own task, passing requests to the handler. A connection that misbehaves is
/// aborted or dropped with one log line and costs the others nothing.
/// </summary>
public sealed class DicomServer : IAsyncDisposable
{
    private readonly DicomServerOptions _options;
    private readonly DicomServiceHandler _handler;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _slots;
    private readonly HashSet<Task> _connections = [];
    private readonly Lock _connectionsLock = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private int _serial;

    public DicomServer(DicomServerOptions options, DicomServiceHandler handler, ILogger? logger = null)
    {
        _options = options;
        _handler = handler;
        _logger = logger ?? NullLogger.Instance;
        _slots = new SemaphoreSlim(options.MaxAssociations, options.MaxAssociations);
    }

    /// <summary>The port listened on (the one chosen when the options said 0).</summary>
    public int Port => (_listener?.LocalEndPoint as IPEndPoint)?.Port ?? throw new InvalidOperationException("the server has not started");

    public void Start()
    {
        var address = IPAddress.Parse(_options.BindAddress);
        _listener = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Bind(new IPEndPoint(address, _options.Port));
        _listener.Listen(128);
        NetworkLog.Listening(_logger, _listener.LocalEndPoint!.ToString()!);
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    /// <summary>Stops accepting; associations in progress get <paramref name="grace"/> to finish, then are aborted.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _listener?.Dispose();
        Task[] running;
        lock (_connectionsLock)
        {
            running = [.. _connections];
        }

        await Task.WhenAny(Task.WhenAll(running), Task.Delay(grace)).ConfigureAwait(false);
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(false);
        }

        lock (_connectionsLock)
        {
            running = [.. _connections];
        }

        await Task.WhenAll(running).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.Zero).ConfigureAwait(false);
        _stopping.Dispose();
        _slots.Dispose();
    }

    private async Task AcceptLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptAsync(stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            var task = ServeConnectionAsync(socket, stopping);
            lock (_connectionsLock)
            {
                _connections.Add(task);
            }

            _ = task.ContinueWith(
                t =>
                {
                    lock (_connectionsLock)
                    {
                        _connections.Remove(t);
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private async Task ServeConnectionAsync(Socket socket, CancellationToken stopping)
    {
        var host = EndPointText.Address(socket.RemoteEndPoint);
        var localHost = EndPointText.Address(socket.LocalEndPoint);
        var hasSlot = _slots.Wait(0, CancellationToken.None);
        var machine = new AssociationStateMachine(isRequestor: false);
        machine.Handle(AssociationEvent.TransportConnectIndication);
        Stream stream = new NetworkStream(socket, ownsSocket: true);
        PduConnection? connection = null;
        DicomAssociation? association = null;
        var name = host;
        try
        {
            using var artim = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            artim.CancelAfter(_options.AssociationRequestTimeout);
            if (_options.Tls is not null)
            {
                stream = await TlsStreams.AsServerAsync(stream, _options.Tls, artim.Token).ConfigureAwait(false);
            }

            connection = new PduConnection(stream) { MaxReceiveLength = _options.Policy.MaxPduLength };
            var first = await connection.ReadAsync(artim.Token).ConfigureAwait(false);
            if (first is not AssociateRequestPdu request)
            {
                if (first is not (null or AbortPdu))
                {
                    await connection.WriteAsync(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), artim.Token).ConfigureAwait(false);
                }

                NetworkLog.ConnectionDropped(_logger, host, first is null ? "closed before any association request" : $"sent {first} instead of an association request");
                return;
            }

            machine.Handle(AssociationEvent.AssociateRequestPduReceived);
            name = $"{request.CalledAETitle}<-{request.CallingAETitle}({Interlocked.Increment(ref _serial)})";
            var answer = hasSlot
                ? _options.Policy.Answer(request)
                : new AssociateRejectPdu(RejectResult.Transient, RejectSource.ServiceProviderPresentation, RejectReasons.LocalLimitExceeded);
            if (answer is AssociateRejectPdu reject)
            {
                machine.Handle(AssociationEvent.AssociateRejectPrimitive);
                await connection.WriteAsync(reject, artim.Token).ConfigureAwait(false);
                NetworkLog.Rejected(_logger, name, host, RejectReasons.Describe(reject.Source, reject.Reason));
                return;
            }

            machine.Handle(AssociationEvent.AssociateAcceptPrimitive);
            var accept = (AssociateAcceptPdu)answer;
            await connection.WriteAsync(accept, artim.Token).ConfigureAwait(false);
            association = new DicomAssociation(connection, machine, request, accept, host, localHost, name, _logger);
            NetworkLog.Accepted(_logger, name, host, string.Join("; ", association.PresentationContexts.Where(c => c.IsAccepted).Select(c => c.ToString())));
            // Every line logged while the association is served carries it as a scope: structured log sinks (JSON)
            // can filter by it; the text lines name it in their message already.
            using (_logger.BeginScope(new Dictionary<string, object> { ["Association"] = name, ["RemoteHost"] = host }))
            {
                await ServeAssociationAsync(association, name, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            NetworkLog.Aborted(_logger, name, "aborted: the server is stopping");
        }
        catch (OperationCanceledException)
        {
            if (association is null && connection is not null)
            {
                await SendAbortQuietlyAsync(connection).ConfigureAwait(false);
            }

            NetworkLog.ConnectionDropped(_logger, host, association is null ? $"no association request within {_options.AssociationRequestTimeout.TotalSeconds:0.#} s" : "idle too long");
        }
        catch (PduFormatException e)
        {
            if (connection is not null)
            {
                await SendAbortQuietlyAsync(connection, e.Reason).ConfigureAwait(false);
            }

            NetworkLog.ConnectionDropped(_logger, host, $"invalid PDU: {e.Message}; aborted");
        }
        catch (AssociationAbortedException e)
        {
            NetworkLog.Aborted(_logger, name, e.Message);
        }
        catch (Exception e) when (e is IOException or System.Security.Authentication.AuthenticationException or SocketException or ObjectDisposedException)
        {
            NetworkLog.ConnectionDropped(_logger, host, e.Message);
        }
        finally
        {
            if (association is not null)
            {
                await association.DisposeAsync().ConfigureAwait(false);
            }
            else if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            else
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }

            if (hasSlot)
            {
                _slots.Release();
            }
        }
    }

    private async Task ServeAssociationAsync(DicomAssociation association, string name, CancellationToken stopping)
    {
        // A read begun while a handler that watches for C-CANCEL ran, and not yet looked at.
        PendingRead? ahead = null;
        while (true)
        {
            var read = ahead ?? BeginRead(association, stopping);
            ahead = null;
            read.Idle.CancelAfter(_options.IdleTimeout);
            var message = await EndReadAsync(association, read, stopping).ConfigureAwait(false);
            if (message is null)
            {
                await association.AnswerReleaseAsync(stopping).ConfigureAwait(false);
                NetworkLog.Released(_logger, name);
                return;
            }

            var watching = _handler.WatchesForCancel(message.Command);
            using var cancel = watching ? new CancellationTokenSource() : null;
            var request = new DicomRequest(association, message) { CancelRequested = cancel?.Token ?? CancellationToken.None };
            if (message.Command.Field == CommandField.CEchoRequest)
            {
                await request.RespondAsync(DimseStatus.Success, cancellationToken: stopping).ConfigureAwait(false);
                continue;
            }

            if (message.Command.Field == CommandField.CCancelRequest)
            {
                // A C-CANCEL-RQ may cross the final response of what it cancels; there is nothing left to stop.
                continue;
            }

            if (message.Command.IsResponse)
            {
                throw new AssociationAbortedException($"{association.RemoteAETitle} sent {message.Command} that answers nothing");
            }

            try
            {
                if (watching)
                {
                    (ahead, var failure) = await HandleWatchingForCancelAsync(request, cancel!, stopping).ConfigureAwait(false);
                    failure?.Throw();
                }
                else
                {
                    await _handler.HandleAsync(request, stopping).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException and not AssociationAbortedException)
            {
                NetworkLog.HandlerFailed(_logger, e, name, message.Command.ToString());
                if (!request.IsAnswered)
                {
                    await request.RespondAsync(DimseStatus.ProcessingFailure, errorComment: e.Message, cancellationToken: stopping).ConfigureAwait(false);
                }

                continue;
            }

            if (!request.IsAnswered && ahead is not { Failed: true })
            {
                await request.RespondAsync(DimseStatus.ProcessingFailure, errorComment: "the request was not answered", cancellationToken: stopping).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Runs the handler while reading on: a C-CANCEL-RQ for the request fires its token; anything else the peer sends
    /// (a release request, say) is kept, unread, for after the handler. Returns that read, and what the handler threw.
    /// </summary>
    private async Task<(PendingRead Ahead, System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure)> HandleWatchingForCancelAsync(DicomRequest request, CancellationTokenSource cancel, CancellationToken stopping)
    {
        var association = request.Association;
        var message = request.Message;
        using var handlerStopping = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        // The read first, and the handler on a thread of its own: a handler whose work completes synchronously (a
        // query answered from memory into socket buffers) would otherwise run to its end before anything is read.
        var read = BeginRead(association, stopping);
        var handling = Task.Run(() => _handler.HandleAsync(request, handlerStopping.Token).AsTask(), CancellationToken.None);
        while (await Task.WhenAny(handling, read.Task).ConfigureAwait(false) == read.Task)
        {
            if (read.Task.IsCompletedSuccessfully && read.Task.Result is { Command.Field: CommandField.CCancelRequest } canceling)
            {
                if (canceling.Command.MessageIdBeingRespondedTo == message.Command.MessageId)
                {
                    await cancel.CancelAsync().ConfigureAwait(false);
                }

                read.Dispose();
                read = BeginRead(association, stopping);
                continue;
            }

            if (read.Failed)
            {
                // The association has failed: the handler cannot answer any more.
                await handlerStopping.CancelAsync().ConfigureAwait(false);
            }

            break;
        }

        try
        {
            await handling.ConfigureAwait(false);
            return (read, null);
        }
        catch (Exception e) when (!read.Failed)
        {
            return (read, System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e));
        }
        catch
        {
            // What the read failed with says more than what the handler made of it.
            return (read, null);
        }
    }

    private PendingRead BeginRead(DicomAssociation association, CancellationToken stopping)
    {
        var read = new PendingRead(CancellationTokenSource.CreateLinkedTokenSource(stopping));
        read.Task = association.ReceiveAsync(
            async (command, context, ct) =>
            {
                read.SinkCommand = command;
                read.Sink = await _handler.OpenDatasetSinkAsync(association, command, context, ct).ConfigureAwait(false);
                return read.Sink;
            },
            read.Idle.Token).AsTask();
        return read;
    }

    private async Task<DimseMessage?> EndReadAsync(DicomAssociation association, PendingRead read, CancellationToken stopping)
    {
        using (read)
        {
            try
            {
                return await read.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
            {
                await Abandon(association, read.SinkCommand, read.Sink).ConfigureAwait(false);
                await association.AbortAsync().ConfigureAwait(false);
                throw new AssociationAbortedException($"silent for {_options.IdleTimeout.TotalSeconds:0.#} s; aborted");
            }
            catch
            {
                await Abandon(association, read.SinkCommand, read.Sink).ConfigureAwait(false);
                throw;
            }
        }
    }

    private async ValueTask Abandon(DicomAssociation association, DimseCommand? command, Stream? sink)
    {
        if (sink is null || command is null)
        {
            return;
        }

        await sink.DisposeAsync().ConfigureAwait(false);
        await _handler.AbandonAsync(association, command, sink).ConfigureAwait(false);
    }

    private static async ValueTask SendAbortQuietlyAsync(PduConnection connection, AbortReason reason = AbortReason.NotSpecified)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await connection.WriteAsync(new AbortPdu(AbortSource.ServiceProvider, reason), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone already.
        }
    }

    /// <summary>One message being read: its idle timer, and the sink its data set goes to (to abandon on failure).</summary>
    private sealed class PendingRead(CancellationTokenSource idle) : IDisposable
    {
        public CancellationTokenSource Idle { get; } = idle;

        public Task<DimseMessage?> Task { get; set; } = System.Threading.Tasks.Task.FromResult<DimseMessage?>(null);

        public Stream? Sink { get; set; }

        public DimseCommand? SinkCommand { get; set; }

        /// <summary>Whether the read has ended in an error (the association is gone).</summary>
        public bool Failed => Task.IsCompleted && !Task.IsCompletedSuccessfully;

        public void Dispose() => Idle.Dispose();
    }
}
