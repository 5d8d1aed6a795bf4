using System.Text;

namespace Cairn.Dicom.Tests.Support;

/// <summary>
/// Compares data sets by content: same tags, VRs and values. Padding to even length is not content, and neither
/// is the value of a group length (it is recomputed when written).
/// </summary>
public static class DatasetComparer
{
    public static string? Difference(DicomDataset expected, DicomDataset actual, string path = "")
    {
        var e = expected.ToList();
        var a = actual.ToList();
        for (var i = 0; i < Math.Max(e.Count, a.Count); i++)
        {
            if (i >= e.Count)
            {
                return $"{path}{a[i].Tag} is extra";
            }

            if (i >= a.Count)
            {
                return $"{path}{e[i].Tag} is missing";
            }

            if (e[i].Tag != a[i].Tag)
            {
                return $"{path}{e[i].Tag} expected, {a[i].Tag} found";
            }

            if (e[i].VR != a[i].VR)
            {
                return $"{path}{e[i].Tag} VR {e[i].VR} expected, {a[i].VR} found";
            }

            var difference = (e[i], a[i]) switch
            {
                (DicomSequence es, DicomSequence @as) => Sequences(es, @as, path),
                (DicomFragments ef, DicomFragments af) => Fragments(ef, af),
                (DicomValueElement ev, DicomValueElement av) => ev.Tag.IsGroupLength ? null : Values(ev, av),
                _ => "different kinds of element",
            };
            if (difference is not null)
            {
                return difference.StartsWith(path, StringComparison.Ordinal) && difference.Length > path.Length && difference.Contains('(', StringComparison.Ordinal)
                    ? difference
                    : $"{path}{e[i].Tag}: {difference}";
            }
        }

        return null;
    }

    private static string? Sequences(DicomSequence e, DicomSequence a, string path)
    {
        if (e.Items.Count != a.Items.Count)
        {
            return $"{e.Items.Count} items expected, {a.Items.Count} found";
        }

        for (var i = 0; i < e.Items.Count; i++)
        {
            if (Difference(e.Items[i], a.Items[i], $"{path}{e.Tag}[{i}]>") is { } d)
            {
                return d;
            }
        }

        return null;
    }

    private static string? Fragments(DicomFragments e, DicomFragments a)
    {
        if (!Normalise(e.OffsetTable.Span, 0).SequenceEqual(Normalise(a.OffsetTable.Span, 0)))
        {
            return "offset tables differ";
        }

        if (e.Fragments.Count != a.Fragments.Count)
        {
            return $"{e.Fragments.Count} fragments expected, {a.Fragments.Count} found";
        }

        for (var i = 0; i < e.Fragments.Count; i++)
        {
            if (!Normalise(e.Fragments[i].Span, 0).SequenceEqual(Normalise(a.Fragments[i].Span, 0)))
            {
                return $"fragment {i} differs";
            }
        }

        return null;
    }

    private static string? Values(DicomValueElement e, DicomValueElement a)
    {
        var ev = Normalise(e.Value.Span, e.VR.PaddingByte);
        var av = Normalise(a.Value.Span, a.VR.PaddingByte);
        if (e.VR.IsString)
        {
            ev = ev.AsSpan().TrimEnd(" \0"u8).ToArray();
            av = av.AsSpan().TrimEnd(" \0"u8).ToArray();
        }

        return ev.SequenceEqual(av) ? null : $"value [{Show(ev)}] expected, [{Show(av)}] found";
    }

    private static byte[] Normalise(ReadOnlySpan<byte> value, byte padding)
    {
        var result = new byte[value.Length + (value.Length & 1)];
        value.CopyTo(result);
        if ((value.Length & 1) == 1)
        {
            result[^1] = padding;
        }

        return result;
    }

    private static string Show(ReadOnlySpan<byte> value) =>
        value.Length > 64 ? $"{value.Length} bytes" : Encoding.Latin1.GetString(value);
}
