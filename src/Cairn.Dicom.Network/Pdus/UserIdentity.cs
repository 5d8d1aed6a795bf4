namespace Cairn.Dicom.Network.Pdus;

/// <summary>User Identity Negotiation in an A-ASSOCIATE-RQ (PS3.7 D.3.3.7.1).</summary>
public sealed record UserIdentity(UserIdentityType Type, bool PositiveResponseRequested, ReadOnlyMemory<byte> PrimaryField, ReadOnlyMemory<byte> SecondaryField)
{
    /// <summary>The primary field as text (a user name), for logs.</summary>
    public override string ToString() => $"UserIdentity[{Type}, {PrimaryField.Length} bytes]";
}
