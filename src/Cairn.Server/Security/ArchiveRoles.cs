namespace Cairn.Server.Security;

/// <summary>
/// The archive's roles, each including the ones before it: a viewer browses, queries and sees tasks; an operator also
/// exports, notifies and reschedules, cancels or deletes tasks; an administrator also changes the configuration.
/// </summary>
public static class ArchiveRoles
{
    public const string Viewer = "viewer";

    public const string Operator = "operator";

    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Admin];

    /// <summary>Whether someone holding <paramref name="held"/> may do what needs <paramref name="needed"/>.</summary>
    public static bool Grants(string held, string needed) => Rank(held) >= Rank(needed) && Rank(needed) > 0;

    private static int Rank(string role) => role switch
    {
        Viewer => 1,
        Operator => 2,
        Admin => 3,
        _ => 0,
    };
}
