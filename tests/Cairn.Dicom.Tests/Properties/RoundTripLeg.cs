using Cairn.Dicom.IO;

namespace Cairn.Dicom.Tests.Properties;

/// <summary>One way of writing a generated data set: a transfer syntax and how sequences give their length.</summary>
public sealed record RoundTripLeg(DicomTransferSyntax Syntax, DicomSequenceLength SequenceLength)
{
    public bool ImplicitVR => !Syntax.IsExplicitVR;

    public override string ToString() => $"{Syntax.Keyword}, {SequenceLength} sequence lengths";
}
