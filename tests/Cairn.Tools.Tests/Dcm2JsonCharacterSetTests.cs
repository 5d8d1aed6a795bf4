using System.Text.Json;
using Cairn.Dicom.Tests.Support;
using Cairn.Tools.Tests.Support;

namespace Cairn.Tools.Tests;

/// <summary>
/// The names DCMTK cannot give (its iconv has no ISO 2022 IR 87, and it ignores an item's own character set) are
/// checked against the corpus's own record of them: charset_files/FileInfo.txt lists the bytes of each Patient's
/// Name, which decode (JIS X 0208 for ESC $ B, JIS X 0201 katakana for ISO 2022 IR 13) to these names.
/// </summary>
[Collection(ToolsCollection.Name)]
public class Dcm2JsonCharacterSetTests
{
    private const string Yamada = """{"Alphabetic":"Yamada^Tarou","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"}""";
    private const string YamadaKatakana = """{"Alphabetic":"ﾔﾏﾀﾞ^ﾀﾛｳ","Ideographic":"山田^太郎","Phonetic":"やまだ^たろう"}""";

    private readonly ToolsFixture _tools;

    public Dcm2JsonCharacterSetTests(ToolsFixture tools)
    {
        _tools = tools;
    }

    [Theory]
    [InlineData("charset_files/chrH31.dcm", "", Yamada)]
    [InlineData("charset_files/chrH32.dcm", "", YamadaKatakana)]
    [InlineData("charset_files/chrSQEncoding.dcm", "00321064", YamadaKatakana)]
    [InlineData("charset_files/chrSQEncoding1.dcm", "00321064", YamadaKatakana)]
    [InlineData("charset_files/chrI2.dcm", "", """{"Alphabetic":"Hong^Gildong","Ideographic":"洪^吉洞","Phonetic":"홍^길동"}""")]
    [InlineData("charset_files/chrX2.dcm", "", """{"Alphabetic":"Wang^XiaoDong","Ideographic":"王^小东"}""")]
    public async Task A_patients_name_is_decoded_with_the_character_set_of_its_data_set_or_item(string file, string sequence, string expected)
    {
        var result = await _tools.RunAsync("dcm2json", "--compact", Corpus.PathOf(file));
        Assert.True(result.ExitCode == 0, result.ToString());

        using var json = JsonDocument.Parse(result.Output);
        var dataset = sequence.Length == 0 ? json.RootElement : json.RootElement.GetProperty(sequence).GetProperty("Value")[0];
        var name = dataset.GetProperty("00100010").GetProperty("Value")[0];

        using var wanted = JsonDocument.Parse(expected);
        Assert.Equal(
            wanted.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.GetString())),
            name.EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        Assert.Equal("ISO_IR 192", json.RootElement.GetProperty("00080005").GetProperty("Value")[0].GetString());
        if (dataset.TryGetProperty("00080005", out var own))
        {
            Assert.Equal("ISO_IR 192", own.GetProperty("Value")[0].GetString());
        }
    }

    [Fact]
    public async Task The_output_is_utf8_whatever_the_locale_says()
    {
        var latin1 = new Dictionary<string, string> { ["LANG"] = "en_US.ISO-8859-1", ["LC_ALL"] = "en_US.ISO-8859-1" };

        var result = await _tools.RunInEnvironmentAsync(latin1, "dcm2json", "--compact", Corpus.PathOf("charset_files/chrH31.dcm"));

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(result.Output);
        Assert.Contains("\"Ideographic\":\"山田^太郎\"", text, StringComparison.Ordinal);
    }
}
