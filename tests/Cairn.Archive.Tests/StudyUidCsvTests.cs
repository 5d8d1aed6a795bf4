using Cairn.Archive.Export;

namespace Cairn.Archive.Tests;

public sealed class StudyUidCsvTests
{
    [Theory]
    [InlineData("1.2.3\n1.2.4\n", 1, "1.2.3|1.2.4")]
    [InlineData("StudyInstanceUID\r\n1.2.3\r\n", 1, "1.2.3")]
    [InlineData("x,\"1.2.3\",y\n\nx, 1.2.4 ,y", 2, "1.2.3|1.2.4")]
    [InlineData("a;b\nP1;1.2.3", 2, "1.2.3")]
    public void TheColumnsUidsAreTakenAHeaderAndEmptyLinesSkipped(string csv, int field, string expected)
    {
        Assert.Equal(expected.Split('|'), StudyUidCsv.Parse(csv, field));
    }

    [Theory]
    [InlineData("1.2.3\nnot a uid\n", 1, "line 2 of the CSV: 'not a uid' is not a valid UID")]
    [InlineData("h\n1.2.3\nx,y\n", 2, "line 2 of the CSV: it has 1 fields, not 2")]
    [InlineData("only a header\n", 1, "the CSV holds no Study Instance UID in column 1")]
    [InlineData("", 1, "the CSV holds no Study Instance UID in column 1")]
    [InlineData("1.2.3", 0, "csv:0: the column is counted from 1")]
    public void ALineWithoutAUidAfterTheFirstIsRefusedNamingIt(string csv, int field, string reason)
    {
        var e = Assert.Throws<FormatException>(() => StudyUidCsv.Parse(csv, field));
        Assert.StartsWith(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AListLongerThanOneRequestTakesIsRefusedWithItsLength()
    {
        var csv = string.Join('\n', Enumerable.Range(1, StudyUidCsv.MaxStudies + 1).Select(i => $"1.2.3.{i}"));

        var e = Assert.Throws<FormatException>(() => StudyUidCsv.Parse(csv, 1));

        Assert.Equal("the CSV lists 10001 studies; at most 10000 a request", e.Message);
        Assert.Equal(StudyUidCsv.MaxStudies, StudyUidCsv.Parse(csv[..csv.LastIndexOf('\n')], 1).Count);
    }
}
