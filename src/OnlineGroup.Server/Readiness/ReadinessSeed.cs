using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Readiness;

/// <summary>A complete, signed-off readiness for the demo group, so a first <c>dotnet run</c> opens straight away.</summary>
public static class ReadinessSeed
{
    public static GroupReadiness Demo(string groupId, string facilitatorId, string coFacilitatorId, string leadId, DateTimeOffset now) => new()
    {
        GroupId = groupId,
        Version = 1,
        Scenarios =
        [
            new() { Scenario = "disclosure of immediate risk during a session", Response = "The moderator pauses the group, contacts the young person privately and calls the safeguarding lead on the cover phone at once; emergency services are called if life is at risk." },
            new() { Scenario = "a young person leaves mid-crisis", Response = "The moderator sends a private message with helpline contacts, records a concern, and the safeguarding lead follows up through the school the same evening." },
            new() { Scenario = "graphic content shared", Response = "The message is removed, the author is contacted privately, and the group is reminded of the house rules; a concern is recorded." },
            new() { Scenario = "contact details exchanged", Response = "The message is removed and both young people are reminded privately why details stay out of the group; a concern is recorded." },
            new() { Scenario = "facilitator absent", Response = "The co-facilitator runs the session; if neither can, the session is cancelled with a closure message listing support." },
            new() { Scenario = "technical outage", Response = "Young people see the out-of-hours support page; the moderator texts the safeguarding lead, and the school checks in the next day." },
        ],
        FacilitatorId = facilitatorId,
        FacilitatorTraining = "Youth mental health first aid; safeguarding level 2.",
        CoFacilitatorId = coFacilitatorId,
        CoFacilitatorTraining = "Safeguarding level 2; online group facilitation.",
        SafeguardingCover = "The designated safeguarding lead is on call for every session, by phone and in the app.",
        Supervision = "Monthly supervision with the school counsellor, and a debrief after every session.",
        AbsencePlan = "School holidays are closures set a term ahead; if a facilitator is away the co-facilitator runs the session, or it is cancelled with support contacts shown.",
        // One rule a line: the young people's page lists them one by one.
        HouseRules = "Be kind: everyone here is going through something.\nKeep names, schools and contact details out of the chat.\n" +
            "No pictures or descriptions of injuries.\nWhat is shared here stays here, unless someone is at risk.\n" +
            "If you are not safe right now, tell a moderator or call a helpline.",
        HouseRulesVersion = 1,
        UpdatedAt = now,
        UpdatedBy = leadId,
        SignedOffBy = leadId,
        SignedOffAt = now,
        SignedOffVersion = 1,
        ReviewBy = DateOnly.FromDateTime(now.UtcDateTime).AddMonths(6),
    };
}
