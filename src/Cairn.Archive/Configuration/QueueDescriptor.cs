using System.Text.Json.Serialization;

namespace Cairn.Archive.Configuration;

/// <summary>
/// A task queue (dcm4che <c>dcmQueue</c>): how many of its tasks run at once, how failures are retried, and how
/// long finished tasks are kept. Durations are ISO-8601 (<c>PT30S</c>, <c>P1D</c>); absent purge delays keep tasks.
/// </summary>
public sealed record QueueDescriptor
{
    [JsonPropertyName("dcmQueueName")]
    public string Name { get; init; } = "";

    [JsonPropertyName("dicomDescription")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Description { get; init; }

    [JsonPropertyName("dcmMaxTasksParallel")]
    public int MaxTasksParallel { get; init; } = 1;

    [JsonPropertyName("dcmMaxRetries")]
    public int MaxRetries { get; init; }

    [JsonPropertyName("dcmRetryDelay")]
    public string RetryDelay { get; init; } = "PT1M";

    /// <summary>Percent by which each retry's delay grows over the last (100: constant).</summary>
    [JsonPropertyName("dcmRetryDelayMultiplier")]
    public int RetryDelayMultiplier { get; init; } = 100;

    [JsonPropertyName("dcmMaxRetryDelay")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? MaxRetryDelay { get; init; }

    [JsonPropertyName("dcmRetryOnWarning")]
    public bool RetryOnWarning { get; init; }

    [JsonPropertyName("dcmPurgeQueueMessageCompletedDelay")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PurgeCompletedDelay { get; init; }

    [JsonPropertyName("dcmPurgeQueueMessageFailedDelay")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PurgeFailedDelay { get; init; }

    [JsonPropertyName("dcmPurgeQueueMessageWarningDelay")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PurgeWarningDelay { get; init; }

    [JsonPropertyName("dcmPurgeQueueMessageCanceledDelay")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PurgeCanceledDelay { get; init; }

    /// <summary>The delay before retry number <paramref name="failures"/> (1 for the first failure).</summary>
    public TimeSpan RetryDelayAfter(int failures)
    {
        var delay = IsoDuration.Parse(RetryDelay).TotalMilliseconds * Math.Pow(RetryDelayMultiplier / 100.0, Math.Max(0, failures - 1));
        var capped = MaxRetryDelay is null ? delay : Math.Min(delay, IsoDuration.Parse(MaxRetryDelay).TotalMilliseconds);
        return TimeSpan.FromMilliseconds(Math.Min(capped, TimeSpan.FromDays(365).TotalMilliseconds));
    }
}
