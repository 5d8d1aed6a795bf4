using System.Text;
using Cairn.Dicom.IO;

namespace Cairn.Dicom.Tests.Regressions;

/// <summary>
/// Found by the fuzz property (a VR replaced): a Transfer Syntax UID (0002,0010) whose VR had become SL made the
/// reader ask GetString for it, which threw a DicomValueException instead of reading leniently or refusing the file
/// with a DicomFormatException.
/// </summary>
public class MetaTransferSyntaxRegressionTests
{
    [Fact]
    public void A_transfer_syntax_uid_that_is_not_a_string_is_taken_as_missing()
    {
        using var stream = new MemoryStream();
        new DicomFile(new DicomDataset().Add(DicomTags.PatientName, "DOE^JOHN")).Save(stream, DicomTransferSyntax.ExplicitVRLittleEndian);
        var bytes = stream.ToArray();
        var header = Encoding.ASCII.GetBytes("\u0002\0\u0010\0UI");
        var at = bytes.AsSpan().IndexOf(header);
        Assert.True(at > 0);
        bytes[at + 4] = (byte)'S';
        bytes[at + 5] = (byte)'L';

        var file = DicomFile.Read(bytes);

        // The encoding is recognised from the data set instead, with a warning that says why.
        Assert.Equal(DicomTransferSyntax.ExplicitVRLittleEndian, file.TransferSyntax);
        Assert.Equal("DOE^JOHN", file.Dataset.GetString(DicomTags.PatientName));
        Assert.Contains(file.Warnings, w => w.Message.Contains("Transfer Syntax UID", StringComparison.Ordinal));
    }
}
