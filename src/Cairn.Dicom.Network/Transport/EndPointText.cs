using System.Net;

namespace Cairn.Dicom.Network.Transport;

/// <summary>
/// An end of a connection as <see cref="DicomAssociation.RemoteHost"/> and <see cref="DicomAssociation.LocalHost"/>
/// give it: the IP address as text, an IPv4 peer of a dual-stack socket in plain IPv4 form (<c>127.0.0.1</c>, not
/// <c>::ffff:127.0.0.1</c>), so that a rule's SendingHostname or ReceivingHostname reads the same however the socket
/// was opened.
/// </summary>
internal static class EndPointText
{
    public static string Address(EndPoint? endPoint) => endPoint is IPEndPoint ip
        ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address).ToString()
        : "unknown";
}
