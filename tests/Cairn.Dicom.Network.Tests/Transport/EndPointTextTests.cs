using System.Net;
using Cairn.Dicom.Network.Transport;

namespace Cairn.Dicom.Network.Tests.Transport;

public class EndPointTextTests
{
    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::ffff:10.1.2.3", "10.1.2.3")] // an IPv4 peer of a dual-stack socket
    [InlineData("::1", "::1")]
    [InlineData("fe80::1", "fe80::1")]
    public void AnAddressReadsTheSameHoweverTheSocketWasOpened(string address, string expected)
    {
        Assert.Equal(expected, EndPointText.Address(new IPEndPoint(IPAddress.Parse(address), 104)));
    }

    [Fact]
    public void AnEndPointWithoutAnAddressIsUnknown()
    {
        Assert.Equal("unknown", EndPointText.Address(null));
        Assert.Equal("unknown", EndPointText.Address(new DnsEndPoint("pacs", 104)));
    }
}
