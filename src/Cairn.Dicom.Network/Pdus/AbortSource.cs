namespace Cairn.Dicom.Network.Pdus;

/// <summary>Who aborted an association (PS3.8 9.3.8).</summary>
public enum AbortSource : byte
{
    ServiceUser = 0,
    ServiceProvider = 2,
}
