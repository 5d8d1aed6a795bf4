namespace Cairn.DictionaryGenerator;

/// <summary>How each transfer syntax encodes a data set (PS3.5 section 10 and Annex A).</summary>
internal sealed record TransferSyntaxFacts(bool ExplicitVR, bool BigEndian, bool Deflated, bool Encapsulated, bool Lossy)
{
    public static TransferSyntaxFacts Of(string uid) => uid switch
    {
        "1.2.840.10008.1.2" or "1.2.840.10008.1.20" => new(false, false, false, false, false),
        "1.2.840.10008.1.2.1" => new(true, false, false, false, false),
        "1.2.840.10008.1.2.1.99" => new(true, false, true, false, false),
        "1.2.840.10008.1.2.2" => new(true, true, false, false, false),
        // JPIP references the pixel data; the data set itself is native.
        "1.2.840.10008.1.2.4.94" => new(true, false, false, false, false),
        "1.2.840.10008.1.2.4.95" => new(true, false, true, false, false),
        // MIME, XML and SMPTE ST 2110 transfer syntaxes carry no encapsulated pixel data.
        _ when uid.StartsWith("1.2.840.10008.1.2.6.", StringComparison.Ordinal) || uid.StartsWith("1.2.840.10008.1.2.7.", StringComparison.Ordinal)
            => new(true, false, false, false, false),
        _ => new(true, false, false, true, IsLossy(uid)),
    };

    private static bool IsLossy(string uid) => uid switch
    {
        "1.2.840.10008.1.2.4.57" or "1.2.840.10008.1.2.4.58" or "1.2.840.10008.1.2.4.65" or "1.2.840.10008.1.2.4.66"
            or "1.2.840.10008.1.2.4.70" or "1.2.840.10008.1.2.4.80" or "1.2.840.10008.1.2.4.90" or "1.2.840.10008.1.2.4.92"
            or "1.2.840.10008.1.2.4.110" or "1.2.840.10008.1.2.4.201" or "1.2.840.10008.1.2.4.202"
            or "1.2.840.10008.1.2.5" or "1.2.840.10008.1.2.1.98" or "1.2.840.10008.1.2.8.1" => false,
        _ => true,
    };
}
