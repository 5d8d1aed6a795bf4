using System.Buffers;

namespace Cairn.Dicom.Network.Tests.Support;

/// <summary>One piece of a multi-segment <see cref="ReadOnlySequence{T}"/>, as a pipe hands out received bytes.</summary>
public sealed class ChainedSegment : ReadOnlySequenceSegment<byte>
{
    public ChainedSegment(ReadOnlyMemory<byte> memory) => Memory = memory;

    /// <summary>A sequence over <paramref name="bytes"/> cut at <paramref name="cuts"/> (ascending offsets), each piece in its own array.</summary>
    public static ReadOnlySequence<byte> Split(byte[] bytes, params int[] cuts)
    {
        var bounds = cuts.Prepend(0).Append(bytes.Length).ToArray();
        var first = new ChainedSegment(bytes.AsSpan(bounds[0]..bounds[1]).ToArray());
        var last = first;
        for (var i = 1; i < bounds.Length - 1; i++)
        {
            last = last.Append(bytes.AsSpan(bounds[i]..bounds[i + 1]).ToArray());
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private ChainedSegment Append(ReadOnlyMemory<byte> memory)
    {
        var next = new ChainedSegment(memory) { RunningIndex = RunningIndex + Memory.Length };
        Next = next;
        return next;
    }
}
