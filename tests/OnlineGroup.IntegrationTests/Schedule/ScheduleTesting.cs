using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Schedule;

public sealed record Window(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public sealed record GroupState(string GroupId, string State, int SlowModeSeconds, DateTimeOffset? ClosesAt);

public sealed record SessionEnding(string GroupId, DateTimeOffset ClosesAt);

public sealed record SessionClosed(string GroupId, Window? NextSession);

public sealed record Session(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Kind, bool Cancelled, string? Reason);

public sealed record Contact(string Name, string? Phone, string? Text, string? Url, string? Hours);

public sealed record Status(string State, string? Reason, Window? CurrentSession, Window? NextSession, string? Message,
    JsonElement? Closure, IReadOnlyList<Contact> SupportContacts);

public sealed record ClosureCreated(string Id, DateTimeOffset From, DateTimeOffset To, string Reason);

public sealed record AuditLine(long Id, DateTimeOffset At, string ActorId, string Action, string? TargetId, JsonElement? Data);

/// <summary>The opening-times calls, through the public REST contract and the hub, as a client makes them.</summary>
public static class ScheduleTesting
{
    /// <summary>An instant written in ISO 8601 with its offset, e.g. "2027-01-12T18:00Z".</summary>
    public static DateTimeOffset T(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture);

    public static async Task PutWeeklyAsync(this OnlineGroupApp app, string token, string groupId, params object[] weekly)
    {
        using var http = app.Http(token);
        (await http.PutAsJsonAsync($"/api/groups/{groupId}/schedule", new { weekly })).EnsureSuccessStatusCode();
    }

    public static async Task<List<Session>> SessionsAsync(this OnlineGroupApp app, string token, string groupId, string from, string to)
    {
        using var http = app.Http(token);
        return await (await http.GetAsync($"/api/groups/{groupId}/sessions?from={from}&to={to}")).ReadAsync<List<Session>>();
    }

    public static async Task<Status> StatusAsync(this OnlineGroupApp app, string token, string groupId)
    {
        using var http = app.Http(token);
        return await (await http.GetAsync($"/api/groups/{groupId}/status")).ReadAsync<Status>();
    }

    public static async Task<List<AuditLine>> AuditAsync(this OnlineGroupApp app, string token, string groupId)
    {
        using var http = app.Http(token);
        return await (await http.GetAsync($"/api/groups/{groupId}/audit")).ReadAsync<List<AuditLine>>();
    }

    /// <summary>The next <c>GroupStateChanged</c> saying <paramref name="state"/>, passing over any that say otherwise.</summary>
    public static async Task<GroupState> NextStateAsync(this ChatClient client, string state)
    {
        while (true)
        {
            var next = await client.NextAsync<GroupState>("GroupStateChanged");
            if (next.State == state)
            {
                return next;
            }
        }
    }

    /// <summary>The next <c>GroupStateChanged</c> that matches, passing over the others.</summary>
    public static async Task<GroupState> NextStateAsync(this ChatClient client, Func<GroupState, bool> match)
    {
        while (true)
        {
            var next = await client.NextAsync<GroupState>("GroupStateChanged");
            if (match(next))
            {
                return next;
            }
        }
    }

    public static Task ExtendSessionAsync(this ChatClient client, string groupId, int minutes) =>
        client.Connection.InvokeAsync("ExtendSession", groupId, minutes);

    public static Task EndSessionAsync(this ChatClient client, string groupId) =>
        client.Connection.InvokeAsync("EndSession", groupId);
}
