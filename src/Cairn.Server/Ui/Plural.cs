using System.Globalization;

namespace Cairn.Server.Ui;

/// <summary>"1 rule", "2 rules": counts in words on the pages.</summary>
public static class Plural
{
    public static string Of(long count, string one, string? many = null) =>
        count.ToString("N0", CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");
}
