using OnlineGroup.Server.Accounts;

namespace OnlineGroup.Tests.Accounts;

public sealed class DisplayNameRules
{
    [Theory]
    [InlineData("Sam")]
    [InlineData("Zoë")]
    [InlineData("Kai 🌈")]
    [InlineData("Jo-Ann O'Neil")]
    public void OrdinaryNamesAreAccepted(string name) => Names.CheckDisplayName(name, forYoungPerson: true).Should().BeNull();

    [Theory]
    [InlineData("Sam\u202E", "direction")]
    [InlineData("Sam\u2066x\u2069", "direction")]
    [InlineData("S\u200Dam", "invisible")]
    [InlineData("Sam\u0007", "control")]
    [InlineData("Sam\uD800", "invisible")]
    [InlineData(" Sam", "spaces")]
    public void NamesWithHiddenCharactersAreRefused(string name, string why) =>
        Names.CheckDisplayName(name, forYoungPerson: true).Should().Contain(why);

    [Theory]
    [InlineData("Moderator")]
    [InlineData("m0d3rat0r")]
    [InlineData("ＡＤＭＩＮ")]
    [InlineData("the staff")]
    public void YoungPeopleCannotTakeNamesThatLookLikeStaff(string name) =>
        Names.CheckDisplayName(name, forYoungPerson: true).Should().Contain("staff");

    [Fact]
    public void AYoungPersonCannotTakeAStaffMembersNameInAnotherGuise() =>
        Names.CheckDisplayName("J0 B", forYoungPerson: true, ["Jo B"]).Should().Contain("too close");

    [Fact]
    public void StaffMayCallThemselvesModerator() =>
        Names.CheckDisplayName("Jo (moderator)", forYoungPerson: false).Should().BeNull();

    [Fact]
    public void ANameLongerThanFortyCharactersIsRefused() =>
        Names.CheckDisplayName(new string('a', 41), forYoungPerson: true).Should().Contain("at most 40");
}

public sealed class PasswordAndUsernameRules
{
    [Theory]
    [InlineData("ab")]
    [InlineData("has space")]
    [InlineData("émile")]
    public void UnusableUsernamesAreRefused(string username) => Names.CheckUsername(username).Should().NotBeNull();

    [Fact]
    public void APasswordMustBeEightCharactersAndNotTheUsername()
    {
        Names.CheckPassword("short", "sam").Should().Contain("at least 8");
        Names.CheckPassword("sam.smith", "Sam.Smith").Should().Contain("same as the username");
        Names.CheckPassword("a good long one", "sam").Should().BeNull();
    }
}
