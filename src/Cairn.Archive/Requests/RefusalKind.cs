namespace Cairn.Archive.Requests;

/// <summary>Why the archive refuses a request, so that REST can answer the matching status and a page the words.</summary>
public enum RefusalKind
{
    /// <summary>Something the request names does not exist (AE, exporter, queue, study, ...): REST 404.</summary>
    NotFound,

    /// <summary>The request itself is wrong (a bad UID, parameter or combination): REST 400.</summary>
    BadRequest,

    /// <summary>It would select more than the AE's query maximum: REST 413.</summary>
    TooManyMatches,
}
