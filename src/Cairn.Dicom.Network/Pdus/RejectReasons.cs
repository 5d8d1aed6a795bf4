namespace Cairn.Dicom.Network.Pdus;

/// <summary>The reason codes of A-ASSOCIATE-RJ; what a code means depends on its source (PS3.8 9.3.4).</summary>
public static class RejectReasons
{
    public const byte NoReasonGiven = 1;
    public const byte ApplicationContextNameNotSupported = 2;
    public const byte CallingAETitleNotRecognized = 3;
    public const byte CalledAETitleNotRecognized = 7;

    /// <summary>With source ACSE provider.</summary>
    public const byte ProtocolVersionNotSupported = 2;

    /// <summary>With source presentation provider.</summary>
    public const byte TemporaryCongestion = 1;

    /// <summary>With source presentation provider.</summary>
    public const byte LocalLimitExceeded = 2;

    public static string Describe(RejectSource source, byte reason) => (source, reason) switch
    {
        (RejectSource.ServiceUser, NoReasonGiven) => "no reason given",
        (RejectSource.ServiceUser, ApplicationContextNameNotSupported) => "application context name not supported",
        (RejectSource.ServiceUser, CallingAETitleNotRecognized) => "calling AE title not recognized",
        (RejectSource.ServiceUser, CalledAETitleNotRecognized) => "called AE title not recognized",
        (RejectSource.ServiceProviderAcse, NoReasonGiven) => "no reason given",
        (RejectSource.ServiceProviderAcse, ProtocolVersionNotSupported) => "protocol version not supported",
        (RejectSource.ServiceProviderPresentation, TemporaryCongestion) => "temporary congestion",
        (RejectSource.ServiceProviderPresentation, LocalLimitExceeded) => "local limit exceeded",
        _ => $"reason {reason}",
    };
}
