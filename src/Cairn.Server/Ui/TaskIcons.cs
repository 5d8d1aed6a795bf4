using Microsoft.AspNetCore.Html;

namespace Cairn.Server.Ui;

/// <summary>
/// The monitoring pages' icons, drawn inline (no icon font to load or miss); each is decoration only: its button
/// carries the words (title and aria-label).
/// </summary>
public static class TaskIcons
{
    private const string Open = "<svg viewBox=\"0 0 16 16\" width=\"16\" height=\"16\" aria-hidden=\"true\" focusable=\"false\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.6\" stroke-linecap=\"round\" stroke-linejoin=\"round\">";

    /// <summary>A circular arrow: run again.</summary>
    public static HtmlString Reschedule { get; } = new(Open + "<path d=\"M13.5 8a5.5 5.5 0 1 1-1.6-3.9\"/><path d=\"M12.5 1.5v3h-3\"/></svg>");

    /// <summary>A barred circle: stop.</summary>
    public static HtmlString Cancel { get; } = new(Open + "<circle cx=\"8\" cy=\"8\" r=\"5.8\"/><path d=\"M3.9 12.1l8.2-8.2\"/></svg>");

    /// <summary>A bin: remove.</summary>
    public static HtmlString Delete { get; } = new(Open + "<path d=\"M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4M6.7 6.5v5M9.3 6.5v5\"/></svg>");

    /// <summary>An arrow into a tray: send elsewhere.</summary>
    public static HtmlString Move { get; } = new(Open + "<path d=\"M2 8h8.5M7.5 5l3 3-3 3\"/><path d=\"M10 2.5h3.5v11H10\"/></svg>");
}
