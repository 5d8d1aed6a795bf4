namespace Cairn.Archive.Export;

/// <summary>
/// How an object arrived, as export rule conditions see it: the calling and called AE titles, and the IP addresses of
/// the two ends of the association (the peer's, and the archive's own that received it), as text.
/// </summary>
public sealed record ReceivedContext(string SendingAETitle, string ReceivingAETitle, string SendingHost, string ReceivingHost);
