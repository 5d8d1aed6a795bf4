namespace Cairn.Server.Pages.Studies;

/// <summary>What an export did, as the page says it: ok, warn or error (the message's class), the words, and links to the tasks.</summary>
public sealed record ExportResultView(string Kind, string Message, IReadOnlyList<(string Text, string Url)> Links);
