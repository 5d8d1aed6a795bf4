namespace Cairn.Archive.Index;

/// <summary>How and where a received object arrived and was stored.</summary>
public sealed record Receipt(
    string SendingAETitle,
    string ReceivingAETitle,
    string SendingHost,
    string ReceivingHost,
    DateTimeOffset Received,
    string StoragePath,
    long Size,
    string Digest);
