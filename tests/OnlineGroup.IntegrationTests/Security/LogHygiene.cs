using Microsoft.AspNetCore.SignalR.Client;
using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary>Children's words, tokens and passwords never reach the logs.</summary>
public sealed class LogHygiene
{
    [Fact]
    public async Task ASessionLeavesNoTokensPasswordsOrMessageTextInTheLogs()
    {
        var logs = TestPaths.NewFolder("logs");
        const string secretText = "my-very-private-words-7261";
        string token;
        await using (var app = new OnlineGroupApp(settings: new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:0:Args:path"] = Path.Combine(logs, "server.json"),
            ["Serilog:MinimumLevel:Default"] = "Verbose",
            ["Serilog:MinimumLevel:Override:Microsoft"] = "Debug",
        }))
        {
            var group = await app.LiveGroupAsync(youngPeople: 2);
            token = group.Young[0].Token;
            // A browser-style connection: negotiate, then the token in the query string.
            await using var sam = await ChatClient.ConnectAsync(app, token, b => b.WithUrl(new Uri(app.BaseAddress, "/hubs/chat"), o =>
            {
                o.AccessTokenProvider = () => Task.FromResult<string?>(token);
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            }));
            await sam.JoinAsync(group.GroupId);
            await sam.SendAsync(group.GroupId, secretText);
            using var http = app.Http();
            await http.GetAsync(new Uri(app.BaseAddress, "/hubs/chat?access_token=" + token));
            await app.LoginAsync(OnlineGroupApp.AdminUsername, OnlineGroupApp.AdminPassword);
            await http.PostAsync("/api/auth/login", new StringContent("{\"username\":\"admin\",\"password\":\"wrong-pass-9137\"}", System.Text.Encoding.UTF8, "application/json"));
        }

        var files = Directory.GetFiles(logs, "*.json");
        files.Should().NotBeEmpty();
        var lines = files.SelectMany(f => File.ReadAllLines(f)).ToList();
        lines.Should().Contain(l => l.Contains("\"Id\":2001,", StringComparison.Ordinal), "the server did log each message (by id and length), so silence is not why nothing leaked");
        string[] secrets = [secretText, token, "access_token=", "eyJ", OnlineGroupApp.AdminPassword, "wrong-pass-9137", "young-password-1", "staff-password-1"];
        var leaks = lines.Where(l => secrets.Any(s => l.Contains(s, StringComparison.Ordinal))).ToList();
        leaks.Should().BeEmpty();
    }
}
