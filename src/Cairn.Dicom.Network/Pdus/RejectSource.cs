namespace Cairn.Dicom.Network.Pdus;

/// <summary>Who rejected an association (PS3.8 9.3.4).</summary>
public enum RejectSource : byte
{
    ServiceUser = 1,
    ServiceProviderAcse = 2,
    ServiceProviderPresentation = 3,
}
