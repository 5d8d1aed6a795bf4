using System.Globalization;

namespace Cairn.Archive.Tasks;

/// <summary>
/// The name a process claims tasks under: <c>device@machine:pid:nonce</c>, unique per process (the nonce), so that a
/// restarted archive never takes its dead predecessor's claims for its own, yet able to tell which claims a process of
/// this machine left behind when it died.
/// </summary>
public static class TaskNodeName
{
    public static string Create(string deviceName, string machineName, int processId) =>
        $"{deviceName}@{machineName}:{processId.ToString(CultureInfo.InvariantCulture)}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Whether <paramref name="claimant"/> is a process of this device and machine that is gone: its process id is not
    /// alive, or is this process's own under another name (a restart that got the same id, as in a container). A
    /// claimant of another machine, or alive, is left to its lease.
    /// </summary>
    public static bool IsDeadPredecessor(string claimant, string ownNode, Func<int, bool> isAlive)
    {
        ArgumentNullException.ThrowIfNull(claimant);
        ArgumentNullException.ThrowIfNull(ownNode);
        ArgumentNullException.ThrowIfNull(isAlive);
        if (claimant == ownNode || !TrySplit(claimant, out var prefix, out var pid) || !TrySplit(ownNode, out var ownPrefix, out var ownPid) || prefix != ownPrefix)
        {
            return false;
        }

        return pid == ownPid || !isAlive(pid);
    }

    /// <summary>Whether a process of <paramref name="processId"/> runs on this machine.</summary>
    public static bool IsProcessAlive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // "device@machine:pid:nonce" -> ("device@machine", pid)
    private static bool TrySplit(string node, out string prefix, out int pid)
    {
        var nonce = node.LastIndexOf(':');
        var start = nonce > 0 ? node.LastIndexOf(':', nonce - 1) : -1;
        prefix = start > 0 ? node[..start] : "";
        pid = 0;
        return start > 0 && int.TryParse(node.AsSpan(start + 1, nonce - start - 1), NumberStyles.None, CultureInfo.InvariantCulture, out pid);
    }
}
