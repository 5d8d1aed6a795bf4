namespace Cairn.Archive.Configuration;

/// <summary>Checks a configuration before it is used or saved; each problem names the attribute and the value.</summary>
public static class ConfigurationValidator
{
    /// <summary>Every problem found; empty when the configuration is good.</summary>
    public static IReadOnlyList<string> Problems(ArchiveDevice device)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(device.DeviceName))
        {
            problems.Add("dicomDeviceName: must not be empty");
        }

        for (var i = 0; i < device.Connections.Count; i++)
        {
            var c = device.Connections[i];
            var at = $"dicomNetworkConnection[{i}]";
            if (c.Name is not ("dicom" or "http"))
            {
                problems.Add($"{at}.cn: '{c.Name}' is neither 'dicom' nor 'http'");
            }

            CheckPort(problems, $"{at}.dicomPort", c.Port);
            CheckHost(problems, $"{at}.dicomHostname", c.Hostname);
        }

        if (device.FindConnection("dicom") is null)
        {
            problems.Add("dicomNetworkConnection: there is no connection with cn 'dicom'");
        }

        if (device.Connections.GroupBy(c => c.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            problems.Add($"dicomNetworkConnection: cn '{twice.Key}' is given twice");
        }

        if (device.ApplicationEntities.Count == 0)
        {
            problems.Add("dicomNetworkAE: the archive needs at least one AE");
        }

        var titles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < device.ApplicationEntities.Count; i++)
        {
            var ae = device.ApplicationEntities[i];
            var at = $"dicomNetworkAE[{i}]";
            CheckAETitle(problems, $"{at}.dicomAETitle", ae.AETitle);
            if (!titles.Add(ae.AETitle))
            {
                problems.Add($"{at}.dicomAETitle: '{ae.AETitle}' is given twice");
            }

            for (var j = 0; j < ae.AcceptedCallingAETitles.Count; j++)
            {
                CheckAETitle(problems, $"{at}.dcmAcceptedCallingAETitle[{j}]", ae.AcceptedCallingAETitles[j]);
            }

            if (ae.QueryMaxNumberOfResults is < 1)
            {
                problems.Add($"{at}.dcmQueryMaxNumberOfResults: {ae.QueryMaxNumberOfResults} is not a positive number");
            }
        }

        for (var i = 0; i < device.RemoteApplicationEntities.Count; i++)
        {
            var ae = device.RemoteApplicationEntities[i];
            var at = $"dcmRemoteAE[{i}]";
            problems.AddRange(Problems(ae, at));
            if (!titles.Add(ae.AETitle))
            {
                problems.Add($"{at}.dicomAETitle: '{ae.AETitle}' is given twice (remote AEs and the archive's own share one name space)");
            }
        }

        problems.AddRange(QueueProblems(device.Archive));
        problems.AddRange(ExportProblems(device));
        if (IsoDuration.Check(device.Archive.TaskLeaseDuration) is { } lease)
        {
            problems.Add($"dcmArchiveDevice.dcmTaskLeaseDuration: {lease}");
        }

        if (IsoDuration.Check(device.Archive.TaskPollingInterval) is { } polling)
        {
            problems.Add($"dcmArchiveDevice.dcmTaskPollingInterval: {polling}");
        }
        else if (IsoDuration.Parse(device.Archive.TaskPollingInterval) is var interval && (interval < TimeSpan.FromMilliseconds(100) || interval > TimeSpan.FromHours(1)))
        {
            problems.Add($"dcmArchiveDevice.dcmTaskPollingInterval: {device.Archive.TaskPollingInterval} is not between 0.1 s and 1 hour");
        }

        if (device.Archive.QueryMaxNumberOfResults < 1)
        {
            problems.Add($"dcmArchiveDevice.dcmQueryMaxNumberOfResults: {device.Archive.QueryMaxNumberOfResults} is not a positive number");
        }

        return problems;
    }

    // Cairn refuses a reference to an AE or queue that is not configured when the configuration is saved, where
    // dcm4chee only fails at run time and retries.
    private static IEnumerable<string> ExportProblems(ArchiveDevice device)
    {
        var archive = device.Archive;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < archive.Exporters.Count; i++)
        {
            var exporter = archive.Exporters[i];
            var at = $"dcmArchiveDevice.dcmExporter[{i}]";
            if (string.IsNullOrWhiteSpace(exporter.ExporterId) || exporter.ExporterId.Any(c => char.IsWhiteSpace(c) || c == '/'))
            {
                yield return $"{at}.dcmExporterID: '{exporter.ExporterId}' is not an exporter ID (no spaces or slashes)";
            }
            else if (!ids.Add(exporter.ExporterId))
            {
                yield return $"{at}.dcmExporterID: '{exporter.ExporterId}' is given twice";
            }

            if (exporter.DestinationAETitle is { } destination)
            {
                if (device.FindRemoteAE(destination) is null)
                {
                    yield return $"{at}.dcmURI: '{exporter.Uri}' names AE '{destination}', which is not a configured remote AE";
                }
            }
            else if (!exporter.IsNoop || exporter.Uri.Length <= "noop:".Length)
            {
                yield return $"{at}.dcmURI: '{exporter.Uri}' is neither dicom:<AE title> nor noop:<name>";
            }

            if (archive.FindQueue(exporter.QueueName) is null)
            {
                yield return $"{at}.dcmQueueName: '{exporter.QueueName}' is not a configured queue";
            }

            if (device.FindLocalAE(exporter.AETitle) is null)
            {
                yield return $"{at}.dicomAETitle: '{exporter.AETitle}' is not one of the archive's AEs";
            }

            for (var j = 0; j < exporter.IanDestinations.Count; j++)
            {
                if (device.FindRemoteAE(exporter.IanDestinations[j]) is null)
                {
                    yield return $"{at}.dcmIanDestination[{j}]: '{exporter.IanDestinations[j]}' is not a configured remote AE";
                }
            }

            for (var j = 0; j < exporter.RetrieveAETitles.Count; j++)
            {
                if (CheckAETitle(exporter.RetrieveAETitles[j]) is { } problem)
                {
                    yield return $"{at}.dcmRetrieveAET[{j}]: {problem}";
                }
            }

            if (exporter.RetrieveLocationUid is { } location && Cairn.Dicom.DicomValueValidator.CheckUid(location) is { } uidProblem)
            {
                yield return $"{at}.dcmRetrieveLocationUID: '{location}' {uidProblem}";
            }

            if (exporter.InstanceAvailability is not ("ONLINE" or "NEARLINE" or "OFFLINE"))
            {
                yield return $"{at}.dcmInstanceAvailability: '{exporter.InstanceAvailability}' is not ONLINE, NEARLINE or OFFLINE";
            }

            foreach (var problem in ScheduleProblems($"{at}.dcmSchedule", exporter.Schedules))
            {
                yield return problem;
            }
        }

        var ruleNames = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < archive.ExportRules.Count; i++)
        {
            var rule = archive.ExportRules[i];
            var at = $"dcmArchiveDevice.dcmExportRule[{i}]";
            if (string.IsNullOrWhiteSpace(rule.Name))
            {
                yield return $"{at}.cn: a rule needs a name";
            }
            else if (!ruleNames.Add(rule.Name))
            {
                // The name is how REST, the UI and the logs tell rules apart.
                yield return $"{at}.cn: '{rule.Name}' is given twice";
            }

            if (rule.Entity is not ("Study" or "Series" or "Instance"))
            {
                yield return $"{at}.dcmEntity: '{rule.Entity}' is not Study, Series or Instance";
            }

            if (rule.ExporterIds.Count == 0)
            {
                yield return $"{at}.dcmExporterID: a rule needs at least one exporter";
            }

            for (var j = 0; j < rule.ExporterIds.Count; j++)
            {
                if (archive.FindExporter(rule.ExporterIds[j]) is null)
                {
                    yield return $"{at}.dcmExporterID[{j}]: '{rule.ExporterIds[j]}' is not a configured exporter";
                }
            }

            for (var j = 0; j < rule.Conditions.Count; j++)
            {
                string? problem = null;
                try
                {
                    Cairn.Archive.Export.ExportCondition.Parse(rule.Conditions[j]);
                }
                catch (FormatException e)
                {
                    problem = e.Message;
                }

                if (problem is not null)
                {
                    yield return $"{at}.dcmProperty[{j}]: {problem}";
                }
            }

            foreach (var problem in ScheduleProblems($"{at}.dcmSchedule", rule.Schedules))
            {
                yield return problem;
            }

            if (rule.Duration is { } duration && IsoDuration.Check(duration) is { } durationProblem)
            {
                yield return $"{at}.dcmDuration: {durationProblem}";
            }

            if (rule.ExportReoccurredInstances is not ("NEVER" or "ALWAYS" or "REPLACE"))
            {
                yield return $"{at}.dcmExportReoccurredInstances: '{rule.ExportReoccurredInstances}' is not NEVER, ALWAYS or REPLACE";
            }
        }
    }

    private static IEnumerable<string> ScheduleProblems(string at, IReadOnlyList<string> schedules)
    {
        for (var j = 0; j < schedules.Count; j++)
        {
            string? problem = null;
            try
            {
                Cairn.Archive.Export.ScheduleExpression.Parse(schedules[j]);
            }
            catch (FormatException e)
            {
                problem = e.Message;
            }

            if (problem is not null)
            {
                yield return $"{at}[{j}]: {problem}";
            }
        }
    }

    private static IEnumerable<string> QueueProblems(ArchiveDeviceSettings archive)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < archive.Queues.Count; i++)
        {
            var queue = archive.Queues[i];
            var at = $"dcmArchiveDevice.dcmQueue[{i}]";
            if (string.IsNullOrWhiteSpace(queue.Name) || queue.Name.Any(c => char.IsWhiteSpace(c) || c == '/'))
            {
                yield return $"{at}.dcmQueueName: '{queue.Name}' is not a queue name (no spaces or slashes)";
            }
            else if (!names.Add(queue.Name))
            {
                yield return $"{at}.dcmQueueName: '{queue.Name}' is given twice";
            }

            if (queue.MaxTasksParallel is < 1 or > 100)
            {
                yield return $"{at}.dcmMaxTasksParallel: {queue.MaxTasksParallel} is not between 1 and 100";
            }

            if (queue.MaxRetries < 0)
            {
                yield return $"{at}.dcmMaxRetries: {queue.MaxRetries} is negative";
            }

            if (queue.RetryDelayMultiplier < 100)
            {
                yield return $"{at}.dcmRetryDelayMultiplier: {queue.RetryDelayMultiplier} is below 100 (delays would shrink)";
            }

            foreach (var (name, value) in new[]
            {
                ("dcmRetryDelay", queue.RetryDelay), ("dcmMaxRetryDelay", queue.MaxRetryDelay), ("dcmPurgeQueueMessageCompletedDelay", queue.PurgeCompletedDelay),
                ("dcmPurgeQueueMessageFailedDelay", queue.PurgeFailedDelay), ("dcmPurgeQueueMessageWarningDelay", queue.PurgeWarningDelay),
                ("dcmPurgeQueueMessageCanceledDelay", queue.PurgeCanceledDelay),
            })
            {
                if (value is not null && IsoDuration.Check(value) is { } problem)
                {
                    yield return $"{at}.{name}: {problem}";
                }
            }
        }

        if (!names.Contains("IANSCU"))
        {
            yield return "dcmArchiveDevice.dcmQueue: the queue IANSCU (IAN tasks) is missing";
        }
    }

    /// <summary>The problems of one remote AE, each prefixed with <paramref name="at"/>.</summary>
    public static IReadOnlyList<string> Problems(RemoteAE ae, string at)
    {
        var problems = new List<string>();
        CheckAETitle(problems, $"{at}.dicomAETitle", ae.AETitle);
        CheckHost(problems, $"{at}.dicomHostname", ae.Hostname);
        CheckPort(problems, $"{at}.dicomPort", ae.Port);
        return problems;
    }

    /// <summary>Throws a <see cref="ConfigurationException"/> listing every problem, if there is one.</summary>
    public static void ThrowIfInvalid(ArchiveDevice device, string source)
    {
        var problems = Problems(device);
        if (problems.Count > 0)
        {
            throw new ConfigurationException($"{source}: {string.Join("; ", problems)}");
        }
    }

    /// <summary>Why <paramref name="aeTitle"/> is not an AE title (PS3.5: 1–16 characters, no backslash or control character, not only spaces), or null.</summary>
    public static string? CheckAETitle(string? aeTitle) =>
        aeTitle switch
        {
            null or "" => "must not be empty",
            { Length: > 16 } => $"'{aeTitle}' is longer than 16 characters",
            _ when aeTitle.Trim().Length == 0 => "must not be only spaces",
            _ when aeTitle.Any(c => c == '\\' || char.IsControl(c) || c > '~') => $"'{aeTitle}' has a character an AE title cannot hold",
            _ => null,
        };

    private static void CheckAETitle(List<string> problems, string at, string aeTitle)
    {
        if (CheckAETitle(aeTitle) is { } problem)
        {
            problems.Add($"{at}: {problem}");
        }
    }

    private static void CheckPort(List<string> problems, string at, int port)
    {
        if (port is < 1 or > 65535)
        {
            problems.Add($"{at}: {port} is not a port (1-65535)");
        }
    }

    private static void CheckHost(List<string> problems, string at, string host)
    {
        if (string.IsNullOrWhiteSpace(host) || host.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            problems.Add($"{at}: '{host}' is not a host name or address");
        }
    }
}
