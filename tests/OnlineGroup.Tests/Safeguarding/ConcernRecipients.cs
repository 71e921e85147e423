using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>Who hears of a concern at each escalation level, each connection once.</summary>
public sealed class ConcernRecipients
{
    private const string G = "g1";

    [Fact]
    public void LevelZeroGoesToTheModeratorsAndLeads()
    {
        ConcernAudience.Recipients(G, 0, hasLead: true, hasDeputy: true).Should().BeEquivalentTo(ConcernGroups.Moderators(G), ConcernGroups.Leads(G));
    }

    [Fact]
    public void LevelOneAddsTheDeputies()
    {
        ConcernAudience.Recipients(G, 1, hasLead: true, hasDeputy: true)
            .Should().BeEquivalentTo(ConcernGroups.Moderators(G), ConcernGroups.Leads(G), ConcernGroups.Deputies(G));
    }

    [Fact]
    public void LevelTwoGoesToAllSafeguardingStaffWithoutNamingLeadsAgain()
    {
        ConcernAudience.Recipients(G, 2, hasLead: true, hasDeputy: true)
            .Should().BeEquivalentTo(ConcernGroups.Moderators(G), ConcernGroups.AllSafeguarding);
    }

    [Fact]
    public void AGroupWithoutALeadTellsItsDeputiesAtOnceAndWithNeitherEveryone()
    {
        ConcernAudience.Recipients(G, 0, hasLead: false, hasDeputy: true).Should().Contain(ConcernGroups.Deputies(G));
        ConcernAudience.Recipients(G, 0, hasLead: false, hasDeputy: false).Should().Contain(ConcernGroups.AllSafeguarding);
    }

    [Fact]
    public void ALeadIsInItsGroupsLeadTierAndTheAllGroup()
    {
        ConcernAudience.GroupsFor("safeguarding", [new StaffDuty(G, "safeguardingLead"), new StaffDuty(G, "deputyLead"), new StaffDuty("g2", "deputyLead")])
            .Should().BeEquivalentTo(ConcernGroups.Leads(G), ConcernGroups.Deputies("g2"), ConcernGroups.AllSafeguarding);
    }

    [Fact]
    public void ModeratorsHearOnlyOfTheirGroupsAndYoungPeopleOfNone()
    {
        ConcernAudience.GroupsFor("moderator", [new StaffDuty(G, "moderator")]).Should().Equal(ConcernGroups.Moderators(G));
        ConcernAudience.GroupsFor("participant", [new StaffDuty(G, "moderator")]).Should().BeEmpty();
    }

    [Fact]
    public void AnAdminWhoModeratesAGroupHearsAtOnceAndEverythingAtLevelTwo()
    {
        ConcernAudience.GroupsFor("admin", [new StaffDuty(G, "moderator")]).Should().BeEquivalentTo(ConcernGroups.Leads(G), ConcernGroups.AllSafeguarding);
        ConcernAudience.GroupsFor("admin", []).Should().Equal(ConcernGroups.AllSafeguarding);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void NoConnectionIsInTwoOfTheGroupsOneLevelIsSentTo(int level)
    {
        string[] roles = ["admin", "moderator", "safeguarding"];
        string[][] dutySets = [[], ["moderator"], ["safeguardingLead"], ["deputyLead"], ["safeguardingLead", "deputyLead"], ["moderator", "safeguardingLead"]];
        var sentTo = ConcernAudience.Recipients(G, level, hasLead: true, hasDeputy: true);
        foreach (var role in roles)
        {
            foreach (var duties in dutySets)
            {
                var member = ConcernAudience.GroupsFor(role, duties.Select(d => new StaffDuty(G, d)));
                member.Intersect(sentTo).Should().HaveCountLessThan(2, $"a {role} with [{string.Join(',', duties)}] must get level {level} once");
            }
        }
    }
}
