using Cairn.Archive.Tasks;

namespace Cairn.Archive.Tests;

public sealed class TaskNodeNameTests
{
    private const string Own = "dcm4chee-arc@pacs1:4242:0a1b2c3d";

    [Theory]
    [InlineData("dcm4chee-arc@pacs1:777:99999999", false, true)] // this machine and device, its process gone
    [InlineData("dcm4chee-arc@pacs1:777:99999999", true, false)] // still running: its lease decides
    [InlineData("dcm4chee-arc@pacs1:4242:99999999", true, true)] // this process's id under another name: a restart
    [InlineData(Own, false, false)] // this very process
    [InlineData("dcm4chee-arc@pacs2:777:99999999", false, false)] // another machine
    [InlineData("other-arc@pacs1:777:99999999", false, false)] // another device
    [InlineData("garbage", false, false)]
    [InlineData("dcm4chee-arc@pacs1:x:99999999", false, false)]
    public void OnlyAGoneProcessOfThisMachineAndDeviceIsADeadPredecessor(string claimant, bool alive, bool dead)
    {
        Assert.Equal(dead, TaskNodeName.IsDeadPredecessor(claimant, Own, _ => alive));
    }

    [Fact]
    public void ANameIsUniquePerProcessAndTellsItsPredecessors()
    {
        var first = TaskNodeName.Create("dcm4chee-arc", "pacs1", 4242);
        var second = TaskNodeName.Create("dcm4chee-arc", "pacs1", 4242);

        Assert.NotEqual(first, second);
        Assert.StartsWith("dcm4chee-arc@pacs1:4242:", first, StringComparison.Ordinal);
        Assert.True(TaskNodeName.IsDeadPredecessor(first, second, _ => true));
        Assert.True(TaskNodeName.IsProcessAlive(Environment.ProcessId));
    }
}
