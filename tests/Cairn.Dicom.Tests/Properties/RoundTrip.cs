using Cairn.Dicom.IO;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>Builds generated data sets through the strict API, writes and reads them, and checks what came back.</summary>
public static class RoundTrip
{
    /// <summary>The private group of generated private elements; its creator takes the first block, (0009,0010).</summary>
    public const ushort PrivateGroup = 0x0009;

    public const string PrivateCreator = "CAIRN PROPERTY TEST";

    public static IReadOnlyList<DicomTransferSyntax> Syntaxes { get; } =
    [
        DicomTransferSyntax.ImplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRLittleEndian,
        DicomTransferSyntax.ExplicitVRBigEndian,
        DicomTransferSyntax.DeflatedExplicitVRLittleEndian,
    ];

    public static DicomDataset Build(GeneratedDataset generated)
    {
        var dataset = new DicomDataset();
        if (generated.Utf8)
        {
            dataset.Add(DicomTags.SpecificCharacterSet, "ISO_IR 192");
        }

        Fill(dataset, generated.Elements);
        return dataset;
    }

    /// <summary>Adds the elements; private ones get offsets 0, 1, 2… of the test's private block, in order.</summary>
    public static void Fill(DicomDataset dataset, IReadOnlyList<GeneratedElement> elements)
    {
        var privateOffset = 0;
        foreach (var element in elements)
        {
            var tag = element.Tag ?? dataset.ReservePrivateTag(PrivateGroup, PrivateCreator, (byte)privateOffset++);
            element.Value.AddTo(dataset, tag);
        }
    }

    public static byte[] Write(DicomDataset dataset, RoundTripLeg leg)
    {
        using var stream = new MemoryStream();
        new DicomFile(dataset).Save(stream, leg.Syntax, new DicomWriteOptions { SequenceLength = leg.SequenceLength });
        return stream.ToArray();
    }

    /// <summary>Writes the data set in every leg's syntax, reads it back and checks every value.</summary>
    public static void Check(GeneratedDataset generated, DicomSequenceLength sequenceLength)
    {
        var dataset = Build(generated);
        foreach (var syntax in Syntaxes)
        {
            var leg = new RoundTripLeg(syntax, sequenceLength);
            try
            {
                var file = DicomFile.Read(Write(dataset, leg));
                Assert.Equal(syntax, file.TransferSyntax);
                Assert.Empty(file.Warnings);
                if (generated.Utf8)
                {
                    Assert.Equal(["ISO_IR 192"], file.Dataset.GetStrings(DicomTags.SpecificCharacterSet));
                }

                Verify(generated.Elements, file.Dataset, leg, generated.Utf8 ? [DicomTags.SpecificCharacterSet] : []);
            }
            catch (Exception e) when (e is not RoundTripException)
            {
                throw new RoundTripException($"{leg}: {e.Message}", e);
            }
        }
    }

    /// <summary>Asserts that <paramref name="read"/> holds exactly the generated elements (and <paramref name="others"/>).</summary>
    public static void Verify(IReadOnlyList<GeneratedElement> elements, DicomDataset read, RoundTripLeg leg, IEnumerable<DicomTag> others)
    {
        var expectedTags = new List<DicomTag>(others);
        var placed = new List<(DicomTag Tag, GeneratedElement Element)>();
        var privateOffset = 0;
        foreach (var element in elements)
        {
            var tag = element.Tag ?? read.GetPrivateTag(PrivateGroup, PrivateCreator, (byte)privateOffset++)
                ?? throw new InvalidOperationException($"the private creator '{PrivateCreator}' did not come back");
            expectedTags.Add(tag);
            placed.Add((tag, element));
        }

        if (privateOffset > 0)
        {
            expectedTags.Add(new DicomTag(PrivateGroup, 0x0010));
        }

        Assert.Equal(expectedTags.Order(), read.Select(e => e.Tag));
        foreach (var (tag, element) in placed)
        {
            VerifyElement(tag, element, read, leg);
        }
    }

    private static void VerifyElement(DicomTag tag, GeneratedElement element, DicomDataset read, RoundTripLeg leg)
    {
        var found = read.Get(tag)!;
        if (leg.ImplicitVR && element.IsPrivate)
        {
            // Implicit VR does not carry the VR, and no dictionary knows a private one: it reads back as UN.
            if (element.Value is SequenceValue sequence && leg.SequenceLength == DicomSequenceLength.Defined)
            {
                // Only undefined length shows that a UN value is a sequence; with a defined length the items stay bytes.
                var items = Assert.IsType<DicomValueElement>(found);
                Assert.Equal(DicomVR.UN, items.VR);
                Assert.Equal(sequence.Items.Count == 0 ? [] : new byte[] { 0xFE, 0xFF, 0x00, 0xE0 }, items.Value.Span[..Math.Min(4, items.Length)].ToArray());
                return;
            }

            if (element.Value is not SequenceValue)
            {
                var unknown = Assert.IsType<DicomValueElement>(found);
                Assert.Equal(DicomVR.UN, unknown.VR);

                // The bytes are intact: read with the VR the writer knew, they give the same values.
                read.Set(new DicomValueElement(tag, element.Value.VR, unknown.Value));
            }
        }
        else
        {
            // A UN value under a standard tag takes the dictionary's VR when implicit VR drops it.
            Assert.Equal(leg.ImplicitVR ? DicomDictionary.ImplicitVROf(tag) : element.Value.VR, found.VR);
        }

        element.Value.Verify(read, tag, leg);
    }
}
