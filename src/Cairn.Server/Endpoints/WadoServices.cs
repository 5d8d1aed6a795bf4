using Cairn.Archive.Configuration;
using Cairn.Archive.Operations;
using Cairn.Archive.Retrieve;
using Cairn.Archive.Storage;

namespace Cairn.Server.Endpoints;

/// <summary>What the WADO-RS endpoints use, as one service so that each handler takes one parameter for them.</summary>
public sealed record WadoServices(ConfigurationStore Configuration, InstanceLocator Locator, FileStorage Storage, ArchiveMetrics Metrics);
