using System.Security.Cryptography;
using System.Text;

namespace Cairn.Archive.Storage;

/// <summary>
/// Where a stored object goes, relative to the storage root: <c>yyyy/MM/dd/SSSSSSSS/RRRRRRRR/IIIIIIIIIIIIIIII</c>, the
/// day it arrived and hashes of its study, series and SOP instance UIDs. No part of a path is ever text a peer sent:
/// a UID could be anything before it is checked, and even a valid one makes directories of very uneven size.
/// </summary>
public static class StoragePaths
{
    public static string For(DateTimeOffset received, string studyUid, string seriesUid, string sopInstanceUid)
    {
        var day = received.UtcDateTime;
        return string.Create(
            null,
            stackalloc char[64],
            $"{day.Year:D4}/{day.Month:D2}/{day.Day:D2}/{Hash(studyUid, 4)}/{Hash(seriesUid, 4)}/{Hash(sopInstanceUid, 8)}");
    }

    private static string Hash(string uid, int bytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(uid), digest);
        return Convert.ToHexStringLower(digest[..bytes]);
    }
}
