namespace Cairn.Dicom.Tests.Properties;

/// <summary>The typed meaning of a DT value: the date and time, and the offset from UTC when the value has one.</summary>
public readonly record struct DateTimeSample(DateTime DateTime, TimeSpan? Offset);
