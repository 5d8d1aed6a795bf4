using System.Globalization;
using System.Text;
using Cairn.Dicom.Network.Negotiation;

namespace Cairn.Dicom.Network.Dimse;

/// <summary>
/// A DIMSE message as dcm4che's logs show it, e.g.
/// <c>1:C-STORE-RQ[pcid=3, prior=0</c> / <c>  cuid=1.2.840.10008.5.1.4.1.1.7 - Secondary Capture Image Storage</c> /
/// <c>  iuid=1.2.3 - ?</c> / <c>  tsuid=1.2.840.10008.1.2.1 - Explicit VR Little Endian]</c>.
/// </summary>
public static class DimseMessageText
{
    public static string Format(DimseCommand command, PresentationContext context)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{(command.IsResponse ? command.MessageIdBeingRespondedTo : command.MessageId)}:{command.Name}[pcid={context.Id}");
        if (command.IsResponse)
        {
            sb.Append(CultureInfo.InvariantCulture, $", status={command.Status.Code:X}H");
            if (command.ErrorComment is { Length: > 0 } comment)
            {
                sb.Append(CultureInfo.InvariantCulture, $", errorComment={comment}");
            }

            if (command.CompletedSuboperations is { } completed)
            {
                sb.Append(CultureInfo.InvariantCulture, $", completed={completed}, failed={command.FailedSuboperations ?? 0}, warning={command.WarningSuboperations ?? 0}{(command.RemainingSuboperations is { } r ? $", remaining={r}" : "")}");
            }
        }
        else if (command.Dataset.Contains(DicomTags.Priority))
        {
            sb.Append(CultureInfo.InvariantCulture, $", prior={(int)command.Priority}");
        }

        if (command.MoveDestination is { } destination)
        {
            sb.Append(CultureInfo.InvariantCulture, $", dest={destination}");
        }

        if (command.MoveOriginatorAETitle is { } originator)
        {
            sb.Append(CultureInfo.InvariantCulture, $", orig={originator}");
        }

        if (command.SopClassUid is { } sopClass)
        {
            sb.Append("\n  cuid=").Append(Describe(sopClass));
        }

        if (command.SopInstanceUid is { } sopInstance)
        {
            sb.Append("\n  iuid=").Append(Describe(sopInstance));
        }

        if (context.TransferSyntax is { } syntax)
        {
            sb.Append("\n  tsuid=").Append(Describe(syntax.Uid));
        }

        return sb.Append(']').ToString();
    }

    private static string Describe(string uid) => $"{uid} - {DicomUids.Lookup(uid)?.Name ?? "?"}";
}
