using System.Collections;

namespace Cairn.Dicom;

/// <summary>
/// A data set: elements kept sorted by tag, as DICOM encodes them. Reading is lenient (values stay as their bytes
/// until asked for; see the typed accessors), creating is strict (the Add methods refuse values their VR forbids).
/// </summary>
public sealed partial class DicomDataset : IEnumerable<DicomElement>
{
    private readonly List<DicomElement> _elements;
    private DicomCharacterSet? _characterSet;

    public DicomDataset()
    {
        _elements = [];
    }

    public DicomDataset(params IEnumerable<DicomElement> elements)
        : this()
    {
        foreach (var element in elements)
        {
            Set(element);
        }
    }

    internal DicomDataset(int capacity)
    {
        _elements = new List<DicomElement>(capacity);
    }

    public int Count => _elements.Count;

    /// <summary>The sequence this data set is an item of; null for a top-level data set.</summary>
    public DicomSequence? Parent { get; internal set; }

    public DicomElement? this[DicomTag tag] => Get(tag);

    /// <summary>
    /// How this data set's strings are encoded: its own Specific Character Set (0008,0005), else its parent's
    /// (PS3.5 7.5.3), else the default repertoire.
    /// </summary>
    public DicomCharacterSet CharacterSet =>
        _characterSet ??= Get(DicomTags.SpecificCharacterSet) is DicomValueElement own
            ? DicomCharacterSet.FromSpecificCharacterSet(DecodeAscii(own.Value.Span))
            : Parent?.Owner?.CharacterSet ?? DicomCharacterSet.Default;

    public DicomElement? Get(DicomTag tag)
    {
        var index = IndexOf(tag);
        return index >= 0 ? _elements[index] : null;
    }

    public bool Contains(DicomTag tag) => IndexOf(tag) >= 0;

    /// <summary>Adds the element, replacing one with the same tag.</summary>
    public void Set(DicomElement element)
    {
        var index = IndexOf(element.Tag);
        if (index >= 0)
        {
            Detach(_elements[index]);
            _elements[index] = element;
        }
        else
        {
            _elements.Insert(~index, element);
        }

        Attach(element);
    }

    public bool Remove(DicomTag tag)
    {
        var index = IndexOf(tag);
        if (index < 0)
        {
            return false;
        }

        Detach(_elements[index]);
        _elements.RemoveAt(index);
        if (tag == DicomTags.SpecificCharacterSet)
        {
            InvalidateCharacterSet();
        }

        return true;
    }

    /// <summary>Removes every element for which <paramref name="predicate"/> holds.</summary>
    public int RemoveAll(Func<DicomElement, bool> predicate)
    {
        var removed = _elements.RemoveAll(e => predicate(e));
        if (removed > 0)
        {
            InvalidateCharacterSet();
        }

        return removed;
    }

    /// <summary>
    /// Appends an element as a reader meets it. Elements normally arrive in ascending order, which makes this O(1);
    /// out-of-order input is sorted in. Returns false for a duplicate tag, which is left out.
    /// </summary>
    internal bool AppendRead(DicomElement element)
    {
        if (_elements.Count == 0 || _elements[^1].Tag < element.Tag)
        {
            _elements.Add(element);
        }
        else
        {
            var index = IndexOf(element.Tag);
            if (index >= 0)
            {
                return false;
            }

            _elements.Insert(~index, element);
        }

        Attach(element);
        return true;
    }

    /// <summary>A copy of this data set; values and fragments are shared (they are immutable), items are copied.</summary>
    public DicomDataset Clone()
    {
        var copy = new DicomDataset(_elements.Count);
        foreach (var element in _elements)
        {
            copy.AppendRead(element is DicomSequence sequence
                ? new DicomSequence(sequence.Tag, sequence.Items.Select(i => i.Clone()))
                : element);
        }

        return copy;
    }

    public IEnumerator<DicomElement> GetEnumerator() => _elements.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(DicomTag tag)
    {
        var lo = 0;
        var hi = _elements.Count - 1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            var value = _elements[mid].Tag.Value;
            if (value == tag.Value)
            {
                return mid;
            }

            if (value < tag.Value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ~lo;
    }

    private void Attach(DicomElement element)
    {
        if (element is DicomSequence sequence)
        {
            if (sequence.Owner is not null && !ReferenceEquals(sequence.Owner, this))
            {
                throw new InvalidOperationException($"{sequence.Tag} already belongs to another data set; add a copy.");
            }

            sequence.Owner = this;
        }

        if (element.Tag == DicomTags.SpecificCharacterSet)
        {
            InvalidateCharacterSet();
        }
    }

    private void Detach(DicomElement element)
    {
        if (element is DicomSequence sequence && ReferenceEquals(sequence.Owner, this))
        {
            sequence.Owner = null;
        }
    }

    /// <summary>Forgets the cached character set here and in every nested item, which may inherit it.</summary>
    internal void InvalidateCharacterSet()
    {
        _characterSet = null;
        foreach (var element in _elements)
        {
            if (element is DicomSequence sequence)
            {
                foreach (var item in sequence.Items)
                {
                    item.InvalidateCharacterSet();
                }
            }
        }
    }

    private static string DecodeAscii(ReadOnlySpan<byte> bytes) => System.Text.Encoding.ASCII.GetString(bytes);
}
