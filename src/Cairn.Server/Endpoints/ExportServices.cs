using Cairn.Archive.Configuration;
using Cairn.Archive.Index;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Tasks;

namespace Cairn.Server.Endpoints;

/// <summary>What the export endpoints need, in one parameter.</summary>
public sealed record ExportServices(ConfigurationStore Configuration, InstanceLocator Locator, TaskStore Tasks, IndexDatabase Database);
