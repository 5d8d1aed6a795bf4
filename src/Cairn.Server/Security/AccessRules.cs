namespace Cairn.Server.Security;

/// <summary>
/// Which role a request needs, by its method and path, in one table for the REST API and the UI alike: reading needs
/// <see cref="ArchiveRoles.Viewer"/>; exports, IANs and task changes need <see cref="ArchiveRoles.Operator"/>;
/// configuration changes need <see cref="ArchiveRoles.Admin"/>. Health, metrics, the login page and the UI's assets
/// are open. A path not named here falls under the most restrictive rule that fits its method.
/// </summary>
public static class AccessRules
{
    /// <summary>The role <paramref name="method"/> on <paramref name="path"/> needs; null when it is open to anyone.</summary>
    public static string? RequiredRole(string method, PathString path)
    {
        if (path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/static")
            || path.StartsWithSegments("/login") || path.StartsWithSegments("/error") || path.StartsWithSegments("/favicon.ico"))
        {
            return null;
        }

        // The audit record shows who did what: for administrators (and auditors given the role), not every viewer.
        if (path.StartsWithSegments("/dcm4chee-arc/audit") || path.StartsWithSegments("/monitoring/audit"))
        {
            return ArchiveRoles.Admin;
        }

        if (IsRead(method) || path.StartsWithSegments("/logout"))
        {
            return ArchiveRoles.Viewer;
        }

        return path.StartsWithSegments("/dcm4chee-arc/devices") || path.StartsWithSegments("/dcm4chee-arc/aes") || path.StartsWithSegments("/configuration")
            ? ArchiveRoles.Admin
            : ArchiveRoles.Operator;
    }

    /// <summary>Paths that answer JSON or text to programs, not pages to people.</summary>
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/dcm4chee-arc") || path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics") || path.StartsWithSegments("/static");

    private static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);
}
