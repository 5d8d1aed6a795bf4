using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;
using CsCheck;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>
/// Damaged input: a valid file with bytes changed, inserted, removed or cut off either reads, or is refused with a
/// <see cref="DicomFormatException"/>; no other exception, and no hang.
/// </summary>
public class FuzzProperties
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    // Real files of each kind: explicit and implicit VR, big endian, deflated, encapsulated, UN and private sequences,
    // bare data sets without File Meta Information.
    private static IReadOnlyList<string> CorpusSeeds { get; } =
    [
        "test_files/CT_small.dcm", "test_files/MR_small_bigendian.dcm", "test_files/MR_small_implicit.dcm",
        "test_files/image_dfl.dcm", "test_files/JPEG2000.dcm", "test_files/UN_sequence.dcm", "test_files/nested_priv_SQ.dcm",
        "test_files/rtplan.dcm", "test_files/ExplVR_BigEndNoMeta.dcm", "test_files/ExplVR_LitEndNoMeta.dcm", "test_files/reportsi.dcm",
    ];

    [Fact]
    public async Task A_damaged_generated_file_reads_or_is_refused_with_a_DicomFormatException()
    {
        var files =
            from dataset in DicomGen.Dataset()
            from syntax in Gen.OneOf([.. RoundTrip.Syntaxes])
            from defined in Gen.Bool
            select RoundTrip.Write(RoundTrip.Build(dataset), new RoundTripLeg(syntax, defined ? DicomSequenceLength.Defined : DicomSequenceLength.Undefined));
        await Damage(files, iter: 1500).WaitAsync(Limit);
    }

    [Fact]
    public async Task A_damaged_real_file_reads_or_is_refused_with_a_DicomFormatException()
    {
        var seeds = CorpusSeeds.Select(f => File.ReadAllBytes(Corpus.PathOf(f))).ToArray();
        await Damage(Gen.OneOf(seeds), iter: 3000).WaitAsync(Limit);
    }

    private static Task Damage(Gen<byte[]> files, int iter)
    {
        var mutation =
            from kind in Gen.Enum<MutationKind>()

            // Half of the changes hit the first kilobyte, where the headers are.
            from position in Gen.Frequency((1, Gen.UInt[0, 1023]), (1, Gen.UInt))
            from value in Gen.UInt
            select new Mutation(kind, position, value);
        var options = Gen.OneOf(
            DicomReadOptions.Default,
            new DicomReadOptions { StopAtTag = DicomTags.PixelData },
            new DicomReadOptions { MaxDepth = 2, MaxInflatedLength = 64 * 1024 });
        return Task.Run(() => Gen.Select(files, mutation.Array[1, 4], options).Sample((file, mutations, readOptions) =>
        {
            var damaged = mutations.Aggregate(file, (data, m) => m.Apply(data));
            try
            {
                DicomFile.Read(damaged, readOptions);
            }
            catch (DicomFormatException)
            {
                // Refused with what and where: the one allowed failure.
            }
        }, iter: iter));
    }
}
