using System.Globalization;

namespace Cairn.Dicom.Network.Dimse;

/// <summary>A DIMSE status code (0000,0900) with its category (PS3.7 C, PS3.4 service classes).</summary>
public readonly record struct DimseStatus(ushort Code)
{
    public static DimseStatus Success => new(0x0000);

    public static DimseStatus Pending => new(0xFF00);

    public static DimseStatus PendingWithWarnings => new(0xFF01);

    public static DimseStatus Cancel => new(0xFE00);

    /// <summary>C-STORE: coercion of data elements (warning).</summary>
    public static DimseStatus CoercionOfDataElements => new(0xB000);

    /// <summary>C-STORE: elements discarded (warning).</summary>
    public static DimseStatus ElementsDiscarded => new(0xB006);

    /// <summary>C-STORE: data set does not match SOP class (warning).</summary>
    public static DimseStatus DataSetDoesNotMatchSopClassWarning => new(0xB007);

    /// <summary>C-MOVE/C-GET: one or more sub-operations failed (warning).</summary>
    public static DimseStatus SubOperationsCompleteWithFailures => new(0xB000);

    /// <summary>Out of resources (C-STORE A7xx; C-FIND/C-MOVE A700/A701/A702).</summary>
    public static DimseStatus OutOfResources => new(0xA700);

    /// <summary>C-MOVE: move destination unknown.</summary>
    public static DimseStatus MoveDestinationUnknown => new(0xA801);

    /// <summary>C-STORE: data set does not match SOP class (error).</summary>
    public static DimseStatus DataSetDoesNotMatchSopClass => new(0xA900);

    /// <summary>Cannot understand (C-STORE Cxxx, C-FIND C000).</summary>
    public static DimseStatus CannotUnderstand => new(0xC000);

    /// <summary>Identifier does not match SOP class (C-FIND, C-MOVE).</summary>
    public static DimseStatus IdentifierDoesNotMatchSopClass => new(0xA900);

    public static DimseStatus ProcessingFailure => new(0x0110);

    public static DimseStatus DuplicateSopInstance => new(0x0111);

    public static DimseStatus NoSuchSopClass => new(0x0118);

    public static DimseStatus SopClassNotSupported => new(0x0122);

    public static DimseStatus InvalidArgumentValue => new(0x0115);

    public static DimseStatus InvalidAttributeValue => new(0x0106);

    public static DimseStatus MissingAttribute => new(0x0120);

    public static DimseStatus UnrecognizedOperation => new(0x0211);

    public static DimseStatus NotAuthorized => new(0x0124);

    public StatusCategory Category => Code switch
    {
        0x0000 => StatusCategory.Success,
        0xFF00 or 0xFF01 => StatusCategory.Pending,
        0xFE00 => StatusCategory.Cancel,
        0x0001 or 0x0107 or 0x0116 => StatusCategory.Warning,
        >= 0xB000 and <= 0xBFFF => StatusCategory.Warning,
        _ => StatusCategory.Failure,
    };

    public bool IsSuccess => Category == StatusCategory.Success;

    public bool IsPending => Category == StatusCategory.Pending;

    /// <summary>Success or warning: the operation was done.</summary>
    public bool IsDone => Category is StatusCategory.Success or StatusCategory.Warning;

    public static DimseStatus Parse(string text)
    {
        var hex = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text.TrimEnd('H', 'h');
        return ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
            ? new DimseStatus(code)
            : throw new FormatException($"'{text}' is not a status code (four hex digits such as 0000, A700 or 0111H)");
    }

    public override string ToString() => $"{Code:X4}H ({Category})";
}
