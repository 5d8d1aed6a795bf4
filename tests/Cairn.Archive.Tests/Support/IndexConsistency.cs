using System.Security.Cryptography;
using Cairn.Archive.Index;
using Cairn.Server;
using Dapper;

namespace Cairn.Archive.Tests.Support;

/// <summary>
/// What must hold in an archive's index and storage whatever happened to it (a kill, a full disk): each instance's
/// file exists with the recorded size and SHA-256, and every count and size kept on the study, series and patient
/// rows equals what their rows add up to.
/// </summary>
public static class IndexConsistency
{
    /// <summary>The index <paramref name="options"/> names, opened from the test.</summary>
    public static IndexDatabase Open(ArchiveOptions options) => options.Database == DatabaseProvider.Sqlite
        ? IndexDatabase.Sqlite(Path.Combine(options.DataDirectory, "index.sqlite"))
        : IndexDatabase.PostgreSql(options.DatabaseUrl!);

    /// <summary>Checks the index against the storage under <paramref name="storageRoot"/>; returns the instances (SOP UID → stored path).</summary>
    public static async Task<Dictionary<string, string>> CheckAsync(IndexDatabase database, string storageRoot)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var instances = (await connection.QueryAsync<(string Sop, string Path, long Size, string Digest)>(
            "SELECT sop_iuid, storage_path, size_bytes, digest FROM instance")).ToList();
        foreach (var (sop, path, size, digest) in instances)
        {
            var full = Path.Combine(storageRoot, path);
            Assert.True(File.Exists(full), $"the index names {path} for {sop}, which is not in the storage");
            var bytes = await File.ReadAllBytesAsync(full);
            Assert.True(size == bytes.Length, $"{path}: the index says {size} bytes, the file has {bytes.Length}");
            Assert.True(digest == Convert.ToHexStringLower(SHA256.HashData(bytes)), $"{path}: the SHA-256 does not match the index");
        }

        var badSeries = await connection.QueryAsync<string>(
            """
            SELECT s.series_iuid FROM series s
            WHERE s.num_instances <> (SELECT COUNT(*) FROM instance i WHERE i.series_fk = s.pk)
               OR s.size_bytes <> (SELECT COALESCE(SUM(i.size_bytes), 0) FROM instance i WHERE i.series_fk = s.pk)
            """);
        Assert.Empty(badSeries);
        var badStudies = await connection.QueryAsync<string>(
            """
            SELECT st.study_iuid FROM study st
            WHERE st.num_series <> (SELECT COUNT(*) FROM series s WHERE s.study_fk = st.pk)
               OR st.num_instances <> (SELECT COUNT(*) FROM instance i JOIN series s ON i.series_fk = s.pk WHERE s.study_fk = st.pk)
               OR st.size_bytes <> (SELECT COALESCE(SUM(i.size_bytes), 0) FROM instance i JOIN series s ON i.series_fk = s.pk WHERE s.study_fk = st.pk)
            """);
        Assert.Empty(badStudies);
        var badPatients = await connection.QueryAsync<string>(
            "SELECT p.patient_id FROM patient p WHERE p.num_studies <> (SELECT COUNT(*) FROM study st WHERE st.patient_fk = p.pk)");
        Assert.Empty(badPatients);
        return instances.ToDictionary(i => i.Sop, i => i.Path, StringComparer.Ordinal);
    }

    /// <summary>The files in the storage's incoming folder (temporary files of objects on their way in).</summary>
    public static string[] Incoming(string storageRoot) =>
        Directory.Exists(Path.Combine(storageRoot, ".incoming")) ? Directory.GetFiles(Path.Combine(storageRoot, ".incoming")) : [];
}
