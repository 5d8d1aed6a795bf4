using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Cairn.Archive.Configuration;

/// <summary>
/// What a configuration document must be before it is read into objects, judged against the types it is read into:
/// no <c>null</c> where the attribute cannot be absent (every non-nullable attribute, every list item), and every
/// required attribute given. Each problem names the attribute by its JSON path, as the validator's problems do; the
/// deserializer would otherwise store the null, or the default of a required attribute, and fail later.
/// </summary>
public static class ConfigurationShape
{
    /// <summary>The problems of <paramref name="element"/> read as <paramref name="info"/>, each prefixed with its path under <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> Problems(JsonElement element, JsonTypeInfo info, string path = "")
    {
        var problems = new List<string>();
        Check(element, info, path, problems);
        return problems;
    }

    // Only the shapes the types expect are walked; a value of the wrong kind (a number for a list) is the
    // deserializer's to refuse, with its own message.
    private static void Check(JsonElement element, JsonTypeInfo info, string path, List<string> problems)
    {
        if (info.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
        {
            var given = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in element.EnumerateObject())
            {
                given.Add(member.Name);
                if (info.Properties.FirstOrDefault(p => p.Name == member.Name) is not { } property)
                {
                    // An unknown attribute: refused by the deserializer, which names it.
                    continue;
                }

                var at = path.Length == 0 ? member.Name : $"{path}.{member.Name}";
                if (member.Value.ValueKind == JsonValueKind.Null)
                {
                    if (!property.IsSetNullable)
                    {
                        problems.Add($"{at}: null is not allowed (leave the attribute out instead)");
                    }
                }
                else
                {
                    Check(member.Value, info.Options.GetTypeInfo(property.PropertyType), at, problems);
                }
            }

            foreach (var property in info.Properties.Where(p => p.IsRequired && !given.Contains(p.Name)))
            {
                problems.Add($"{(path.Length == 0 ? property.Name : $"{path}.{property.Name}")}: is required");
            }
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && element.ValueKind == JsonValueKind.Array && info.ElementType is { } elementType)
        {
            var elementInfo = info.Options.GetTypeInfo(elementType);
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Null)
                {
                    problems.Add($"{path}[{i}]: null is not allowed in a list");
                }
                else
                {
                    Check(item, elementInfo, $"{path}[{i}]", problems);
                }

                i++;
            }
        }
    }
}
