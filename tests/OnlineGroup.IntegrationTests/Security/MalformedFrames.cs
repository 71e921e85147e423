using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Security;

/// <summary>
/// Frames no real client sends, from a bare WebSocket: each gets an answer the sender can act on (a
/// completion error, or a close with a reason), and the rest of the group notices nothing.
/// </summary>
public sealed class MalformedFrames(SecurityApp fixture) : IClassFixture<SecurityApp>
{
    private readonly OnlineGroupApp _app = fixture.App;

    [Fact]
    public async Task AFrameOverTheMaximumMessageSizeClosesOnlyThatConnection()
    {
        await using var room = await HostileRoom.OpenAsync(_app);
        var before = await room.HistoryAsync();

        var text = new string('x', 40 * 1024);
        await room.Sam.SendRawAsync($"{{\"type\":1,\"invocationId\":\"big\",\"target\":\"SendMessage\",\"arguments\":[\"{room.Id}\",\"c1\",\"{text}\"]}}\u001e");

        (await room.Sam.Closed.WaitAsync(ChatClient.Patience)).Should().NotBeNull("the server says why it closed the connection");
        await room.AssertOthersStillChatAsync(before);
    }

    [Fact]
    public async Task AFrameThatIsNotJsonClosesOnlyThatConnection()
    {
        await using var room = await HostileRoom.OpenAsync(_app);
        var before = await room.HistoryAsync();

        await room.Sam.SendRawAsync("{\"type\":1,\"target\":\"SendMessage\",\"arguments\":[\u001e");

        (await room.Sam.Closed.WaitAsync(ChatClient.Patience)).Should().NotBeNull("the server says why it closed the connection");
        await room.AssertOthersStillChatAsync(before);
    }

    [Fact]
    public async Task AnUnknownHubMethodIsAnsweredWithAnErrorNamingIt()
    {
        await using var room = await HostileRoom.OpenAsync(_app);
        var before = await room.HistoryAsync();

        var answer = await room.Sam.InvokeAsync("DeleteEverything", room.Id);

        answer.Error.Should().Contain("DeleteEverything");
        await room.AssertOthersStillChatAsync(before);
        (await room.Sam.InvokeAsync("SendMessage", room.Id, "c-after", "Sam is still connected")).Error.Should().BeNull();
    }

    public static TheoryData<string, string> WrongArguments => new()
    {
        { "SendMessage", "[1, 2, 3]" },
        { "SendMessage", "[{\"groupId\":\"x\"}, [], true]" },
        { "SendMessage", "[\"g\"]" },
        { "SendMessage", "[\"g\", \"c\", \"t\", \"extra\"]" },
        { "GetHistory", "[\"g\", \"not a number\"]" },
        { "JoinGroup", "[]" },
    };

    [Theory]
    [MemberData(nameof(WrongArguments))]
    public async Task WrongArgumentTypesOrCountsAreAnsweredWithAnErrorAndNothingIsStored(string method, string arguments)
    {
        await using var room = await HostileRoom.OpenAsync(_app);
        var before = await room.HistoryAsync();

        var answer = await room.Sam.InvokeRawAsync(method, arguments.Replace("\"g\"", $"\"{room.Id}\"", StringComparison.Ordinal));

        answer.Error.Should().NotBeNullOrEmpty();
        answer.Error.Should().Contain(method);
        await room.AssertOthersStillChatAsync(before);
    }

    public static TheoryData<string, string, string> NullArguments => new()
    {
        { "SendMessage", "[null, \"c\", \"hello\"]", "groupId" },
        { "SendMessage", "[\"g\", null, \"hello\"]", "clientMessageId" },
        { "SendMessage", "[\"g\", \"c\", null]", "text" },
        { "JoinGroup", "[null]", "groupId" },
        { "GetHistory", "[null, 0]", "groupId" },
        { "ReportMessage", "[\"g\", null, \"why\"]", "messageId" },
        { "RequestModerator", "[\"g\", null]", "text" },
    };

    [Theory]
    [MemberData(nameof(NullArguments))]
    public async Task NullArgumentsAreAnsweredWithAnErrorNamingTheMissingArgument(string method, string arguments, string missing)
    {
        await using var room = await HostileRoom.OpenAsync(_app);
        var before = await room.HistoryAsync();

        var answer = await room.Sam.InvokeRawAsync(method, arguments.Replace("\"g\"", $"\"{room.Id}\"", StringComparison.Ordinal));

        answer.Error.Should().Contain(missing, "the sender learns which argument was missing");
        await room.AssertOthersStillChatAsync(before);
    }
}
