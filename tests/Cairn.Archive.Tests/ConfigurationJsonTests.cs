using System.Text.Json.Nodes;
using Cairn.Archive.Configuration;

namespace Cairn.Archive.Tests;

/// <summary>
/// Reading the configuration document: a null where an attribute cannot be absent, and a required attribute left out,
/// are refused with the attribute's path before anything is read, instead of a crash later or a default stored unseen.
/// </summary>
public sealed class ConfigurationJsonTests
{
    [Theory]
    [InlineData("""{"dicomDeviceName":"d","dcmArchiveDevice":{"dcmQueue":[null]}}""", "dcmArchiveDevice.dcmQueue[0]: null is not allowed in a list")]
    [InlineData("""{"dicomDeviceName":"d","dcmArchiveDevice":null}""", "dcmArchiveDevice: null is not allowed")]
    [InlineData("""{"dicomDeviceName":"d","dcmArchiveDevice":{"dcmExporter":[null]}}""", "dcmArchiveDevice.dcmExporter[0]: null is not allowed in a list")]
    [InlineData("""{"dicomDeviceName":"d","dcmArchiveDevice":{"dcmExportRule":[{"cn":"r","dcmEntity":"Study","dcmExporterID":["X"],"dcmProperty":["Modality=CT",null]}]}}""", "dcmArchiveDevice.dcmExportRule[0].dcmProperty[1]: null is not allowed in a list")]
    [InlineData("""{"dicomDeviceName":"d","dcmRemoteAE":null}""", "dcmRemoteAE: null is not allowed")]
    [InlineData("""{"dicomDeviceName":"d","dicomNetworkAE":[null]}""", "dicomNetworkAE[0]: null is not allowed in a list")]
    [InlineData("""{"dicomDeviceName":null}""", "dicomDeviceName: null is not allowed")]
    [InlineData("""{"dicomNetworkAE":[{"dicomAETitle":null}]}""", "dicomNetworkAE[0].dicomAETitle: null is not allowed")]
    [InlineData("""{"dicomNetworkConnection":[{"cn":"dicom","dicomPort":null}]}""", "dicomNetworkConnection[0].dicomPort: null is not allowed")]
    [InlineData("""{"dcmArchiveDevice":{"dcmExportRule":[{"cn":"r","dcmExporterID":["X"]}]}}""", "dcmArchiveDevice.dcmExportRule[0].dcmEntity: is required")]
    [InlineData("""{"dcmArchiveDevice":{"dcmExporter":[{"dcmExporterID":"X","dcmURI":"noop:x"}]}}""", "dcmArchiveDevice.dcmExporter[0].dcmQueueName: is required")]
    public void ANullOrAMissingRequiredAttributeIsRefusedWithItsPath(string json, string problem)
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationJson.ParseDevice(json, "the request body"));
        Assert.StartsWith("the request body: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryProblemOfTheDocumentIsNamedAtOnce()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationJson.ParseDevice("""{"dicomNetworkAE":[null,null],"dcmRemoteAE":null}""", "x"));
        Assert.Equal("x: dicomNetworkAE[0]: null is not allowed in a list; dicomNetworkAE[1]: null is not allowed in a list; dcmRemoteAE: null is not allowed (leave the attribute out instead)", e.Message);
    }

    [Fact]
    public void ARemoteAEWithANullIsRefusedWithItsPath()
    {
        Assert.Contains("dicomAETitle: null is not allowed", Assert.Throws<ConfigurationException>(() => ConfigurationJson.ParseRemoteAE("""{"dicomAETitle":null,"dicomPort":104}""", "x")).Message, StringComparison.Ordinal);
        Assert.Contains("dicomTLSCipherSuite[0]: null is not allowed in a list", Assert.Throws<ConfigurationException>(() => ConfigurationJson.ParseRemoteAE("""{"dicomPort":104,"dicomTLSCipherSuite":[null]}""", "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionalAttributeMayBeNullAndTheDefaultConfigurationReadsBackAsWritten()
    {
        var device = ConfigurationJson.ParseDevice("""{"dicomDescription":null,"dcmRemoteAE":[{"dicomAETitle":"A","dicomPort":104,"dicomTLSCipherSuite":null}]}""", "x");
        Assert.Null(device.Description);
        Assert.Null(device.RemoteApplicationEntities[0].TlsCipherSuites);

        var written = ConfigurationJson.Write(DefaultConfiguration.Create());
        Assert.Equal(written, ConfigurationJson.Write(ConfigurationJson.ParseDevice(written, "x")));
        Assert.Equal("Export1", JsonNode.Parse(written)!["dcmArchiveDevice"]!["dcmExporter"]![0]!["dcmQueueName"]!.GetValue<string>());
    }

    [Fact]
    public void ASyntaxErrorIsStillNamedByItsPosition()
    {
        var e = Assert.Throws<ConfigurationException>(() => ConfigurationJson.ParseDevice("""{"dicomNetworkAE": [}""", "x"));
        Assert.StartsWith("x: ", e.Message, StringComparison.Ordinal);
    }
}
