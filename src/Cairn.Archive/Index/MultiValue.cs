namespace Cairn.Archive.Index;

/// <summary>Backslash-separated value lists the index keeps (modalities in study, SOP classes in study), sorted.</summary>
public static class MultiValue
{
    public static string Add(string list, string value)
    {
        if (value.Length == 0)
        {
            return list;
        }

        var values = Split(list);
        if (values.Contains(value, StringComparer.Ordinal))
        {
            return list;
        }

        return string.Join('\\', values.Append(value).Order(StringComparer.Ordinal));
    }

    public static string[] Split(string list) => list.Length == 0 ? [] : list.Split('\\');
}
