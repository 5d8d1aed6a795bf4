using System.Buffers.Binary;
using Cairn.Dicom.IO;
using CsCheck;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>
/// UN under a tag the dictionary knows as SQ: the reader tries it as an implicit VR sequence (CP-246) and, when the
/// bytes are no sequence, keeps them as they are. Only explicit VR can say UN, so only explicit VR is written.
/// </summary>
public class UnknownVRProperties
{
    [Fact]
    public void A_UN_value_of_a_sequence_tag_that_is_no_sequence_reads_back_as_its_bytes()
    {
        var notASequence = Gen.Frequency(
            (1, Gen.Byte.Array[1, 64]),

            // An item header first, then bytes that are no element: the attempt gets some way before it fails.
            (2, from length in Gen.Frequency((1, Gen.UInt[0, 64]), (1, Gen.Const(0xFFFF_FFFFu)))
                from rest in Gen.Byte.Array[0, 64]
                select ItemHeader(length).Concat(rest).ToArray()));
        var explicitSyntaxes = RoundTrip.Syntaxes.Where(s => s.IsExplicitVR).ToArray();
        Gen.Select(notASequence, Gen.OneOf(explicitSyntaxes), Gen.Bool).Sample((bytes, syntax, followed) =>
        {
            var dataset = new DicomDataset().AddBytes(DicomTags.ReferencedImageSequence, DicomVR.UN, bytes.ToArray());
            if (followed)
            {
                dataset.Add(DicomTags.StudyID, "FOLLOWS");
            }

            using var stream = new MemoryStream();
            new DicomFile(dataset).Save(stream, syntax);
            DicomFile file;
            try
            {
                file = DicomFile.Read(stream.ToArray());
            }
            catch (DicomFormatException)
            {
                // The bytes happened to be a sequence that runs past its value (a broken one): refused, fine.
                return;
            }

            if (file.Dataset.Get(DicomTags.ReferencedImageSequence) is DicomSequence)
            {
                return; // the bytes happened to be a sequence after all
            }

            var padded = bytes.Concat(new byte[bytes.Length & 1]).ToArray();
            Assert.Equal(padded, file.Dataset.GetBytes(DicomTags.ReferencedImageSequence).ToArray());
            Assert.Equal(DicomVR.UN, file.Dataset.Get(DicomTags.ReferencedImageSequence)!.VR);
            Assert.Equal(followed ? "FOLLOWS" : null, file.Dataset.GetString(DicomTags.StudyID));
        }, iter: 400);
    }

    private static byte[] ItemHeader(uint length)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, 0xFFFE);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 0xE000);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), length);
        return header;
    }
}
