using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OnlineGroup.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace OnlineGroup.IntegrationTests.Reliability;

/// <summary>
/// Jepsen-style: clients send while the server is killed with SIGKILL and restarted. Every send
/// whose answer a client received must be there exactly once, in seq order, with nothing invented.
/// </summary>
public sealed class CrashSafety(ITestOutputHelper output)
{
    private const int Clients = 20;

    [Fact]
    public async Task EveryAcknowledgedMessageSurvivesKillNineExactlyOnceInSeqOrder()
    {
        var folder = TestPaths.NewFolder("crash");
        var acked = new ConcurrentDictionary<string, (string Text, long Seq, string MessageId)>();
        var attempted = new ConcurrentDictionary<string, string>();
        string groupId;
        List<string> tokens;

        var settings = new Dictionary<string, string> { ["Chat__RateLimit__Burst"] = "1000000", ["Chat__RateLimit__PerSecond"] = "1000000" };
        var server = await ServerProcess.StartAsync(folder, settings);
        try
        {
            (groupId, tokens) = await SetUpAsync(server.BaseAddress);
            for (var round = 1; round <= 3; round++)
            {
                var target = acked.Count + 150;
                var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using var stop = new CancellationTokenSource();
                var senders = tokens.Select((token, i) => SendUntilStoppedAsync(server.BaseAddress, token, groupId, $"r{round}c{i}", acked, attempted,
                    () => { if (acked.Count >= target) { reached.TrySetResult(); } }, stop.Token)).ToList();
                await Task.WhenAny(reached.Task, Task.WhenAll(senders));
                reached.Task.IsCompleted.Should().BeTrue("the clients kept sending until the kill");

                await server.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(senders.Select(s => s.ContinueWith(_ => { }, TaskScheduler.Default)));
                output.WriteLine($"round {round}: {acked.Count} acknowledged, {attempted.Count} attempted before kill -9");

                IntegrityCheck(folder).Should().Be("ok", "SQLite in WAL with synchronous=FULL survives kill -9");
                server = await ServerProcess.StartAsync(folder, settings);
                await using var reader = await ChatClient.ConnectAsync(server.BaseAddress, tokens[0]);
                (await reader.JoinAsync(groupId)).Admitted.Should().BeTrue();
                var history = await AllHistoryAsync(reader, groupId);

                history.Select(m => m.Seq).Should().Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), "seq is gap-free from 1");
                history.Select(m => m.Text).Should().OnlyHaveUniqueItems("nothing is stored twice");
                history.Should().OnlyContain(m => attempted.Values.Contains(m.Text), "nothing is present that was never sent");
                var stored = history.ToDictionary(m => m.Text);
                foreach (var (_, ack) in acked)
                {
                    stored.Should().ContainKey(ack.Text, "an acknowledged message is never lost");
                    stored[ack.Text].Seq.Should().Be(ack.Seq);
                    stored[ack.Text].MessageId.Should().Be(ack.MessageId);
                }
            }

            await server.DisposeAsync();
            IntegrityCheck(folder).Should().Be("ok");
        }
        finally
        {
            // A failed assertion must not leave the server running after the test.
            await server.DisposeAsync();
        }
    }

    private static async Task SendUntilStoppedAsync(Uri server, string token, string groupId, string prefix,
        ConcurrentDictionary<string, (string, long, string)> acked, ConcurrentDictionary<string, string> attempted, Action onAck, CancellationToken stop)
    {
        try
        {
            await using var client = await ChatClient.ConnectAsync(server, token);
            (await client.JoinAsync(groupId)).Admitted.Should().BeTrue();
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"{prefix}-{i}";
                var text = $"message {id}";
                attempted[id] = text;
                var answer = await client.SendAsync(groupId, text, id);
                if (answer.Status == "published")
                {
                    acked[id] = (text, answer.Seq!.Value, answer.MessageId!);
                    onAck();
                }
            }
        }
        catch (Exception)
        {
            // The server died under us: whatever was not acknowledged may or may not be stored.
        }
    }

    private static async Task<List<Message>> AllHistoryAsync(ChatClient client, string groupId)
    {
        var all = new List<Message>();
        while (true)
        {
            var page = await client.HistoryAsync(groupId, all.Count == 0 ? 0 : all[^1].Seq);
            all.AddRange(page);
            if (page.Count < 500)
            {
                return all;
            }
        }
    }

    private static string IntegrityCheck(string folder)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "onlinegroup.db")};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    private static async Task<(string GroupId, List<string> Tokens)> SetUpAsync(Uri server)
    {
        using var http = new HttpClient { BaseAddress = server };
        var admin = await (await http.PostAsJsonAsync("/api/auth/login", new { username = OnlineGroupApp.AdminUsername, password = OnlineGroupApp.AdminPassword })).ReadAsync<Login>();
        http.DefaultRequestHeaders.Authorization = new("Bearer", admin.AccessToken);
        var group = await (await http.PostAsJsonAsync("/api/groups", new
        {
            name = "Crash group", timeZone = "Europe/London", capacity = 50, minAge = 11, maxAge = 18, requireModerator = false, minModerators = 0,
        })).ReadAsync<JsonElement>();
        var groupId = group.GetProperty("id").GetString()!;
        // A group opens to young people only with safeguarding cover.
        var lead = await (await http.PostAsJsonAsync("/api/staff", new { username = "crash.lead", password = "staff-password-1", displayName = "Crash lead", role = "safeguarding" })).ReadAsync<JsonElement>();
        (await http.PostAsJsonAsync($"/api/groups/{groupId}/staff", new { userId = lead.GetProperty("userId").GetString(), duty = "safeguardingLead" })).EnsureSuccessStatusCode();
        (await http.PostAsJsonAsync($"/api/groups/{groupId}/sessions", new { startsAt = DateTimeOffset.UtcNow.AddMinutes(-1), endsAt = DateTimeOffset.UtcNow.AddHours(2) })).EnsureSuccessStatusCode();
        var tokens = new List<string>();
        for (var i = 0; i < Clients; i++)
        {
            var member = await (await http.PostAsJsonAsync($"/api/groups/{groupId}/members", new { displayName = "Young " + i, age = 15 })).ReadAsync<CreatedMember>();
            using var anonymous = new HttpClient { BaseAddress = server };
            var login = await (await anonymous.PostAsJsonAsync("/api/auth/redeem", new { inviteCode = member.InviteCode, username = $"crash{i}", password = "young-password-1", agreedToHouseRules = true })).ReadAsync<Login>();
            tokens.Add(login.AccessToken);
        }

        return (groupId, tokens);
    }
}
