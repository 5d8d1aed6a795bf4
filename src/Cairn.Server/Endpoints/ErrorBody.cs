using System.Text.Json.Serialization;

namespace Cairn.Server.Endpoints;

/// <summary>An error answer, as dcm4chee writes them: <c>{"errorMessage": "…"}</c>.</summary>
public sealed record ErrorBody([property: JsonPropertyName("errorMessage")] string ErrorMessage);
