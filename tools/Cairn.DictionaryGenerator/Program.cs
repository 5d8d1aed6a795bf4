using Cairn.DictionaryGenerator;

// Usage: Cairn.DictionaryGenerator [REPO-ROOT] [--check]
// Writes the committed *.g.cs of Cairn.Dicom from the standard's data in tools/Cairn.DictionaryGenerator/Standard.
var check = args.Contains("--check");
var root = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? Directory.GetCurrentDirectory();
var standard = Path.Combine(root, "tools", "Cairn.DictionaryGenerator", "Standard");
var outputDirectory = Path.Combine(root, "src", "Cairn.Dicom", "Dictionary");
if (!Directory.Exists(standard))
{
    Console.Error.WriteLine($"Cairn.DictionaryGenerator: no standard data at {standard}; pass the repository root.");
    return 2;
}

var stale = 0;
foreach (var (name, text) in Generator.GenerateAll(standard))
{
    var path = Path.Combine(outputDirectory, name);
    var current = File.Exists(path) ? File.ReadAllText(path) : null;
    if (current == text)
    {
        continue;
    }

    stale++;
    if (check)
    {
        Console.Error.WriteLine($"{path} is out of date.");
    }
    else
    {
        File.WriteAllText(path, text);
        Console.WriteLine($"wrote {path}");
    }
}

return check && stale > 0 ? 1 : 0;
