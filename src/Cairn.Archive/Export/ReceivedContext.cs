namespace Cairn.Archive.Export;

/// <summary>How an object arrived, as export rule conditions see it.</summary>
public sealed record ReceivedContext(string SendingAETitle, string ReceivingAETitle, string SendingHost, string ReceivingHost);
