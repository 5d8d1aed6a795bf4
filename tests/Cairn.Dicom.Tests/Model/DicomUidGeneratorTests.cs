namespace Cairn.Dicom.Tests.Model;

public class DicomUidGeneratorTests
{
    [Fact]
    public void New_uids_are_valid_distinct_and_under_2_25()
    {
        var uids = Enumerable.Range(0, 1000).Select(_ => DicomUidGenerator.New()).ToList();
        Assert.All(uids, u => Assert.Null(DicomValueValidator.CheckUid(u)));
        Assert.All(uids, u => Assert.StartsWith("2.25.", u, StringComparison.Ordinal));
        Assert.All(uids, u => Assert.True(u.Length <= 44, u));
        Assert.Equal(uids.Count, uids.Distinct().Count());
    }
}
