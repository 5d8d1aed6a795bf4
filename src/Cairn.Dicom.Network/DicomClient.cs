using System.Net.Sockets;
using Cairn.Dicom.Network.Association;
using Cairn.Dicom.Network.Negotiation;
using Cairn.Dicom.Network.Pdus;
using Cairn.Dicom.Network.Transport;
using Microsoft.Extensions.Logging;

namespace Cairn.Dicom.Network;

/// <summary>
/// Opens associations to remote AEs: "open, send many, release" is the primitive. One client numbers its associations
/// for the logs (STORESCU->STORESCP(1), (2), …) and logs their messages.
/// </summary>
public sealed class DicomClient
{
    private readonly ILogger? _logger;
    private int _serial;

    public DicomClient(ILogger? logger = null)
    {
        _logger = logger;
    }

    public async Task<DicomAssociation> ConnectAsync(string host, int port, AssociationOptions options, TlsOptions? tls = null, CancellationToken cancellationToken = default)
    {
        var machine = new AssociationStateMachine(isRequestor: true);
        machine.Handle(AssociationEvent.AssociateRequestPrimitive);
        var request = new AssociateRequestPdu
        {
            CalledAETitle = options.CalledAETitle,
            CallingAETitle = options.CallingAETitle,
            PresentationContexts = [.. options.PresentationContexts.Select((p, i) => new PresentationContextProposal((byte)((i * 2) + 1), p.AbstractSyntax, p.TransferSyntaxes))],
            UserInformation = new UserInformation { MaximumLength = options.MaxPduLength, UserIdentity = options.UserIdentity, RoleSelections = options.RoleSelections },
        };
        if (request.PresentationContexts.Count is 0 or > 128)
        {
            throw new ArgumentException($"an association proposes 1 to 128 presentation contexts, not {request.PresentationContexts.Count}", nameof(options));
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        Stream stream;
        string localHost;
        using (var connect = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            connect.CancelAfter(options.ConnectTimeout);
            try
            {
                await socket.ConnectAsync(host, port, connect.Token).ConfigureAwait(false);
                localHost = EndPointText.Address(socket.LocalEndPoint);
                stream = new NetworkStream(socket, ownsSocket: true);
                if (tls is not null)
                {
                    stream = await TlsStreams.AsClientAsync(stream, tls, host, connect.Token).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException or IOException or System.Security.Authentication.AuthenticationException)
            {
                socket.Dispose();
                cancellationToken.ThrowIfCancellationRequested();
                throw new IOException(e is OperationCanceledException
                    ? $"could not connect to {host}:{port} within {options.ConnectTimeout.TotalSeconds:0.#} s"
                    : $"could not connect to {host}:{port}: {e.Message}", e);
            }
        }

        machine.Handle(AssociationEvent.TransportConnectConfirm);
        var connection = new PduConnection(stream) { MaxReceiveLength = options.MaxPduLength };
        try
        {
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(options.AssociationTimeout);
            await connection.WriteAsync(request, timer.Token).ConfigureAwait(false);
            var answer = await connection.ReadAsync(timer.Token).ConfigureAwait(false);
            switch (answer)
            {
                case AssociateAcceptPdu accept:
                    machine.Handle(AssociationEvent.AssociateAcceptPduReceived);
                    return new DicomAssociation(connection, machine, request, accept, host, localHost, $"{options.CallingAETitle}->{options.CalledAETitle}({Interlocked.Increment(ref _serial)})", _logger)
                    {
                        ResponseTimeout = options.ResponseTimeout,
                    };
                case AssociateRejectPdu reject:
                    throw new AssociationRejectedException(reject);
                case AbortPdu abort:
                    throw new AssociationAbortedException($"{options.CalledAETitle} aborted the association request (source {abort.Source}, reason {abort.Reason})");
                case null:
                    throw new AssociationAbortedException($"{options.CalledAETitle} closed the connection instead of answering the association request");
                default:
                    await connection.WriteAsync(new AbortPdu(AbortSource.ServiceProvider, AbortReason.UnexpectedPdu), CancellationToken.None).ConfigureAwait(false);
                    throw new AssociationAbortedException($"{options.CalledAETitle} answered the association request with {answer}; aborted");
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new AssociationAbortedException($"{options.CalledAETitle} did not answer the association request within {options.AssociationTimeout.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is not AssociationAbortedException and not AssociationRejectedException and not OperationCanceledException)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new AssociationAbortedException($"association request to {options.CalledAETitle}@{host}:{port} failed: {e.Message}", e);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
