using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Cairn.Tools.Tests.Support;

/// <summary>
/// DCMTK's dcm2json output for a file, and what had to be done for DCMTK to give it. DCMTK 3.6.7 cannot convert
/// some valid files; rather than leaving those out, the reference comes from a copy that DCMTK can convert, and
/// each change is recorded so that the comparison leaves out exactly what the change touched, and no more:
/// <list type="bullet">
/// <item>exit 81, "InlineBinary encoding not supported for compressed pixel data": the copy has no Pixel Data
/// (dcmodify -ea). dcmodify also writes the copy without its Data Set Trailing Padding (FFFC,FFFC). Both are
/// compared byte for byte with dcmdump +L of the unmodified input instead (<see cref="EncapsulatedPixelData"/>).</item>
/// <item>exit 80, a character set that DCMTK's iconv cannot convert (ISO 2022 IR 87): every (0008,0005) of the
/// copy says ISO_IR 100, under which DCMTK passes each byte through, so the values of character-set-dependent
/// strings (SH, LO, ST, LT, PN, UC, UT) are not comparable; everything else is.</item>
/// <item>exit 20 on a file that we read: its File Meta Information announces an encoding its data set does not have
/// (SC_rgb_jpeg.dcm: explicit VR announced, implicit VR found). DCMTK reads the data set alone (-f), recognising
/// the encoding from the data as we do.</item>
/// <item>with <c>convertUnknown</c>: a copy converted by dcmconv +uc, where UN elements whose tag DCMTK knows get
/// their real VR. It is the reference for UN elements that we read as sequences (CP-246).</item>
/// </list>
/// </summary>
public sealed class DcmtkReference : IDisposable
{
    private readonly JsonDocument _document;

    private DcmtkReference(JsonDocument document, IReadOnlyList<string> steps, ProcessResult? dump, bool pixelDataRemoved, bool characterSetReplaced, bool outputWasNotUtf8)
    {
        _document = document;
        Steps = steps;
        Dump = dump;
        PixelDataRemoved = pixelDataRemoved;
        CharacterSetReplaced = characterSetReplaced;
        OutputWasNotUtf8 = outputWasNotUtf8;
    }

    public JsonElement Root => _document.RootElement;

    /// <summary>What was done to get the reference, for the test's output.</summary>
    public IReadOnlyList<string> Steps { get; }

    public bool PixelDataRemoved { get; }

    public bool CharacterSetReplaced { get; }

    /// <summary>DCMTK wrote bytes that are not UTF-8 (it copies strings of items with their own character set raw).</summary>
    public bool OutputWasNotUtf8 { get; }

    /// <summary>dcmdump +L of the input before the pixel data was removed.</summary>
    private ProcessResult? Dump { get; }

    public static async Task<DcmtkReference> BuildAsync(string original, TemporaryDirectory work, bool convertUnknown)
    {
        var steps = new List<string>();
        var input = work.File(convertUnknown ? "input-uc.dcm" : "input.dcm");
        File.Copy(original, input, overwrite: true);
        string[] read = [];

        var run = await Dcmtk.Dcm2JsonAsync(input, read);
        if (run.ExitCode == 20)
        {
            var bytes = await File.ReadAllBytesAsync(input);
            var start = DataSetStart(bytes) ?? throw new InvalidOperationException($"DCMTK cannot read {original} and it has no File Meta Information to leave out: {run}");
            await File.WriteAllBytesAsync(input, bytes[start..]);
            read = ["-f"];
            steps.Add($"dcm2json exit 20 ({FirstLine(run)}): the data set alone (from byte {start}), read with -f");
            run = await Dcmtk.Dcm2JsonAsync(input, read);
        }

        if (convertUnknown)
        {
            var converted = work.File("converted-uc.dcm");
            Require(await Dcmtk.ConvertUnknownAsync(input, converted, read), "dcmconv +uc", original);
            input = converted;
            read = [];
            steps.Add("dcmconv +uc: UN of known tags converted to their VR");
            run = await Dcmtk.Dcm2JsonAsync(input, read);
        }

        ProcessResult? dump = null;
        var pixelDataRemoved = false;
        var characterSetReplaced = false;
        while (run.ExitCode != 0)
        {
            if (run.ExitCode == 81 && !pixelDataRemoved && run.Errors.Contains("compressed pixel data", StringComparison.Ordinal))
            {
                dump = Require(await Dcmtk.DumpAsync(input, read), "dcmdump +L", original);
                Require(await Dcmtk.ModifyAsync(input, read, "-ea", "(7fe0,0010)"), "dcmodify -ea (7fe0,0010)", original);
                pixelDataRemoved = true;
            }
            else if (run.ExitCode == 80 && !characterSetReplaced && run.Errors.Contains("character encoding", StringComparison.Ordinal))
            {
                Require(await Dcmtk.ModifyAsync(input, read, "-ma", "(0008,0005)=ISO_IR 100"), "dcmodify -ma (0008,0005)=ISO_IR 100", original);
                characterSetReplaced = true;
            }
            else
            {
                throw new InvalidOperationException($"DCMTK's dcm2json fails on {original} for a reason no rule accounts for: {run}");
            }

            steps.Add($"dcm2json exit {run.ExitCode} ({FirstLine(run)}): {(run.ExitCode == 81 ? "Pixel Data removed" : "(0008,0005) set to ISO_IR 100")}");
            read = []; // dcmodify wrote a Part 10 file
            run = await Dcmtk.Dcm2JsonAsync(input, read);
        }

        string text;
        var notUtf8 = false;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(run.Output);
        }
        catch (DecoderFallbackException)
        {
            text = Encoding.UTF8.GetString(run.Output);
            notUtf8 = true;
            steps.Add("dcm2json wrote bytes that are not UTF-8; read with replacement characters");
        }

        return new DcmtkReference(JsonDocument.Parse(text), steps, dump, pixelDataRemoved, characterSetReplaced, notUtf8);
    }

    /// <summary>
    /// The value field of the top-level encapsulated Pixel Data as DCMTK's dcmdump +L shows it (its items, each
    /// with its bytes, then the sequence delimiter), little endian; null when there is none.
    /// </summary>
    public byte[]? EncapsulatedPixelData()
    {
        var lines = DumpLines();
        var start = Array.FindIndex(lines, l => l.StartsWith("(7fe0,0010)", StringComparison.Ordinal) && l.Contains("PixelSequence", StringComparison.Ordinal));
        if (start < 0)
        {
            return null;
        }

        var field = new List<byte>();
        foreach (var line in lines.Skip(start + 1))
        {
            if (line.StartsWith("(fffe,e0dd)", StringComparison.Ordinal))
            {
                field.AddRange(Header(0xFFFE_E0DD, 0));
                return [.. field];
            }

            var trimmed = line.TrimStart();
            if (!trimmed.StartsWith("(fffe,e000) pi ", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"unexpected dcmdump line in a pixel sequence: {line}");
            }

            var bytes = HexValue(trimmed["(fffe,e000) pi ".Length..]);
            field.AddRange(Header(0xFFFE_E000, (uint)bytes.Length));
            field.AddRange(bytes);
        }

        throw new InvalidOperationException("dcmdump's pixel sequence has no sequence delimiter");
    }

    /// <summary>The bytes of the top-level Data Set Trailing Padding (FFFC,FFFC) as dcmdump +L shows them; null when none.</summary>
    public byte[]? TrailingPadding() =>
        DumpLines().FirstOrDefault(l => l.StartsWith("(fffc,fffc) OB ", StringComparison.Ordinal)) is { } line
            ? HexValue(line["(fffc,fffc) OB ".Length..])
            : null;

    public void Dispose() => _document.Dispose();

    private string[] DumpLines() => Dump?.OutputText.Split('\n') ?? [];

    /// <summary>"0a\00\fe ... # 8, 1 Name" or "(no value available) # 0, 1 Item" as bytes.</summary>
    private static byte[] HexValue(string rest)
    {
        var value = rest[..rest.IndexOf(" #", StringComparison.Ordinal)].Trim();
        return value == "(no value available)" ? [] : [.. value.Split('\\').Select(h => byte.Parse(h, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture))];
    }

    private static byte[] Header(uint tag, uint length)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt16LittleEndian(header, (ushort)(tag >> 16));
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)tag);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), length);
        return header;
    }

    /// <summary>Where the data set starts after a preamble, "DICM" and a File Meta Information group with its group length.</summary>
    private static int? DataSetStart(byte[] bytes)
    {
        ReadOnlySpan<byte> groupLength = [0x02, 0x00, 0x00, 0x00, (byte)'U', (byte)'L'];
        if (bytes.Length < 144 || !bytes.AsSpan(128, 4).SequenceEqual("DICM"u8) || !bytes.AsSpan(132, 6).SequenceEqual(groupLength))
        {
            return null;
        }

        return 144 + (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(140));
    }

    private static ProcessResult Require(ProcessResult result, string what, string original) =>
        result.ExitCode == 0 && !result.TimedOut ? result : throw new InvalidOperationException($"{what} failed on a copy of {original}: {result}");

    private static string FirstLine(ProcessResult run) =>
        run.ErrorLines.LastOrDefault(l => l.StartsWith("F:", StringComparison.Ordinal) || l.StartsWith("E:", StringComparison.Ordinal)) ?? "";
}
