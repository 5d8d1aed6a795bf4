using Cairn.Archive.Configuration;

namespace Cairn.Server.Hosting;

/// <summary>Where the archive listens: the configuration's connections, with the process options over them.</summary>
public sealed record ListenAddresses(string DicomAddress, int DicomPort, string HttpAddress, int HttpPort)
{
    public static ListenAddresses From(ArchiveDevice device, ArchiveOptions options)
    {
        var dicom = device.FindConnection("dicom")!;
        var http = device.FindConnection("http") ?? new NetworkConnection { Name = "http", Hostname = dicom.Hostname, Port = 8080 };
        return new ListenAddresses(
            options.BindAddress ?? Address(dicom.Hostname),
            options.DicomPort ?? dicom.Port,
            options.BindAddress ?? Address(http.Hostname),
            options.HttpPort ?? http.Port);
    }

    // A configuration may name the host; the listener needs an address.
    private static string Address(string hostname) => hostname switch
    {
        "localhost" => "127.0.0.1",
        _ when System.Net.IPAddress.TryParse(hostname, out _) => hostname,
        _ => "0.0.0.0",
    };
}
