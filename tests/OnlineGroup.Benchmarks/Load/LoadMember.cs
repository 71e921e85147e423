using System.Diagnostics;
using Microsoft.AspNetCore.SignalR.Client;

namespace OnlineGroup.Benchmarks.Load;

/// <summary>One simulated member: a room, a token (product only) and a hub connection.</summary>
[DebuggerDisplay("{Index} in {GroupId}")]
internal sealed class LoadMember(int index, int groupIndex, string groupId)
{
    public int Index { get; } = index;

    public int GroupIndex { get; } = groupIndex;

    public string GroupId { get; } = groupId;

    public string? Token { get; set; }

    public HubConnection? Connection { get; set; }

    public bool Admitted { get; set; }

    /// <summary>Warm-up and probe messages this member received (written by its receive handler).</summary>
    public int ProbeHits;
}
