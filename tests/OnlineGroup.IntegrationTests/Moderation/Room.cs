using System.Text.Json;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Moderation;

/// <summary>One server for a test class; each test opens its own group on it, so tests own their data.</summary>
public sealed class ModerationApp : IAsyncLifetime
{
    public OnlineGroupApp App { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>A live session: the group's moderator and three young people (Sam, Alex, Robin), all connected and joined.</summary>
public sealed class Room : IAsyncDisposable
{
    private readonly OnlineGroupApp _app;

    private Room(OnlineGroupApp app, LiveGroup group, ChatClient moderator, IReadOnlyList<ChatClient> young)
    {
        _app = app;
        Group = group;
        Moderator = moderator;
        Young = young;
    }

    public LiveGroup Group { get; }

    public string Id => Group.GroupId;

    public ChatClient Moderator { get; }

    public IReadOnlyList<ChatClient> Young { get; }

    public ChatClient Sam => Young[0];

    public ChatClient Alex => Young[1];

    public ChatClient Robin => Young[2];

    public string SamId => Group.Young[0].MemberId;

    public string AlexId => Group.Young[1].MemberId;

    public string RobinId => Group.Young[2].MemberId;

    /// <summary>Group settings with premoderation on (everything else as the default test group).</summary>
    public static readonly object Premoderated = new
    {
        name = "Premoderated group",
        timeZone = "Europe/London",
        capacity = 12,
        minAge = 11,
        maxAge = 18,
        allowSupporters = false,
        requireModerator = false,
        minModerators = 0,
        premoderate = true,
    };

    public static async Task<Room> OpenAsync(OnlineGroupApp app, object? settings = null)
    {
        var group = await app.LiveGroupAsync(youngPeople: 3, settings);
        var moderator = await ChatClient.ConnectAsync(app, group.ModeratorToken);
        (await moderator.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();
        var young = new List<ChatClient>();
        foreach (var person in group.Young)
        {
            var client = await ChatClient.ConnectAsync(app, person.Token);
            (await client.JoinAsync(group.GroupId)).Admitted.Should().BeTrue();
            young.Add(client);
        }

        return new Room(app, group, moderator, young);
    }

    /// <summary>The group's audit trail as its moderator reads it over REST.</summary>
    public async Task<List<AuditLine>> AuditAsync()
    {
        using var http = _app.Http(Group.ModeratorToken);
        return await (await http.GetAsync($"/api/groups/{Id}/audit")).ReadAsync<List<AuditLine>>();
    }

    /// <summary>A second moderator, of this group or (with <paramref name="assign"/> false) of none, connected.</summary>
    public async Task<ChatClient> ModeratorAsync(bool assign = true)
    {
        var (id, token) = await _app.StaffAsync(Group.AdminToken, "moderator");
        if (assign)
        {
            await _app.AssignAsync(Group.AdminToken, Id, id, "moderator");
        }

        var client = await ChatClient.ConnectAsync(_app, token);
        if (assign)
        {
            await client.JoinAsync(Id);
        }

        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Moderator.DisposeAsync();
        foreach (var client in Young)
        {
            await client.DisposeAsync();
        }
    }
}

public sealed record GroupState(string GroupId, string State, int SlowModeSeconds, DateTimeOffset? ClosesAt);

public sealed record MutedNotice(string GroupId, DateTimeOffset? Until, string? Reason);

public sealed record RemovedNotice(string GroupId, string MessageId);

public sealed record HeldMessage(string MessageId, string GroupId, string AuthorId, string AuthorName, string Text, string Status, string Reason);

public sealed record RejectedNotice(string GroupId, string MessageId, string Text);

public sealed record PrivateNotice(string GroupId, string MemberId, string AuthorName, string Text, DateTimeOffset SentAt);

public sealed record ModeratorRequest(string GroupId, string MemberId, string AuthorName, string Text);

public sealed record StaffMessage(string MessageId, string GroupId, long? Seq, string AuthorId, string AuthorName, string Text, string Status,
    DateTimeOffset? RemovedAt, string? RemovedBy, string? RemovedReason);

public sealed record TalkShareLine(string MemberId, string DisplayName, int Messages, double Share);

public sealed record BackchannelLine(string Id, string GroupId, string Kind, string MemberId, string AuthorName, string Text, DateTimeOffset SentAt);

public sealed record AuditLine(long Id, DateTimeOffset At, string ActorId, string ActorRole, string Action, string? TargetType, string? TargetId,
    string? Reason, JsonElement? Data);
