using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Schedule;

/// <summary>A group opens to young people only when a safeguarding lead or deputy is assigned to it.</summary>
public sealed class SafeguardingCover : IAsyncLifetime
{
    private readonly OnlineGroupApp _app = new();
    private string _admin = null!;
    private string _groupId = null!;
    private YoungPerson _sam = null!;

    public async Task InitializeAsync()
    {
        _admin = (await _app.AdminAsync()).AccessToken;
        _groupId = await _app.CreateGroupAsync(_admin);
        _sam = await _app.YoungPersonAsync(_admin, _groupId, "Sam");
        await _app.OpenSessionNowAsync(_admin, _groupId);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WithoutALeadOrDeputyTheGroupDoesNotOpenAndSaysWhy()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _sam.Token);

        var join = await sam.JoinAsync(_groupId);
        join.Admitted.Should().BeFalse();
        join.Reason.Should().Be("noSafeguardingCover");
        var status = await _app.StatusAsync(_sam.Token, _groupId);
        status.State.Should().Be("closed");
        status.Reason.Should().Be("noSafeguardingCover");
        status.SupportContacts.Should().NotBeEmpty("a young person turned away is shown where to get help now");
    }

    [Fact]
    public async Task ADeputyLeadAssignedIsCoverAtOnce()
    {
        await using var sam = await ChatClient.ConnectAsync(_app, _sam.Token);
        (await sam.JoinAsync(_groupId)).Reason.Should().Be("noSafeguardingCover");

        var (deputyId, _) = await _app.StaffAsync(_admin, "safeguarding");
        await _app.AssignAsync(_admin, _groupId, deputyId, "deputyLead");

        (await sam.JoinAsync(_groupId)).Admitted.Should().BeTrue();
    }
}
