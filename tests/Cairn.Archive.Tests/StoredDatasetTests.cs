using Cairn.Archive.Retrieve;
using Cairn.Dicom.IO;
using Cairn.Dicom.Tests.Support;

namespace Cairn.Archive.Tests;

/// <summary>
/// The exporter and the retrieve services open a stored file at its data set with one small read of the header; that
/// has to land where the file reader says the data set starts, for every file the reader takes, odd headers too.
/// </summary>
public sealed class StoredDatasetTests
{
    public static TheoryData<string> Files() => Corpus.Theory(Corpus.ReadableFiles());

    [Theory]
    [MemberData(nameof(Files))]
    public void A_stored_file_opens_where_the_reader_says_its_data_set_starts(string file)
    {
        var path = Corpus.PathOf(file);
        var expected = DicomFile.Open(path).DatasetOffset;

        using var stream = StoredDataset.Open(path);

        Assert.Equal(expected, stream.Position);
    }

    [Fact]
    public void A_header_walked_to_its_end_gives_the_offset_and_a_file_that_is_only_a_header_has_an_empty_data_set()
    {
        using var folder = new TemporaryDirectory();
        var original = Corpus.PathOf("test_files/CT_small.dcm");
        var offset = DicomFile.Open(original).DatasetOffset;
        var headerOnly = folder.File("header-only.dcm");
        File.WriteAllBytes(headerOnly, File.ReadAllBytes(original)[..(int)offset]);

        using (var stream = StoredDataset.Open(original))
        {
            Assert.Equal(offset, stream.Position);
        }

        using (var stream = StoredDataset.Open(headerOnly))
        {
            Assert.Equal(offset, stream.Position);
            Assert.Equal(stream.Length, stream.Position);
        }
    }
}
