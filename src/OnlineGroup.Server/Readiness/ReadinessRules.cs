using System.Globalization;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Server.Readiness;

/// <summary>
/// What a group needs before it opens to young people, as pure functions of the stored assessment and
/// the time: the gaps in plain words, and whether the sign-off is current.
/// </summary>
public static class ReadinessRules
{
    /// <summary>The worst cases every service must plan for; staff can add more.</summary>
    public static readonly IReadOnlyList<string> StandardScenarios =
    [
        "disclosure of immediate risk during a session",
        "a young person leaves mid-crisis",
        "graphic content shared",
        "contact details exchanged",
        "facilitator absent",
        "technical outage",
    ];

    public static bool IsStandard(string scenario) =>
        StandardScenarios.Any(s => string.Equals(s, scenario.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What the assessment itself still lacks; a sign-off is possible only when this is empty. The aims are
    /// the group's aims (Journey: <c>PUT /api/groups/{id}/aims</c>), the ones members chart progress against.
    /// </summary>
    public static IReadOnlyList<string> ContentGaps(GroupReadiness? r, int aimCount)
    {
        var gaps = new List<string>();
        void Need(string? value, string gap)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                gaps.Add(gap);
            }
        }

        if (aimCount == 0)
        {
            gaps.Add("No aims written for the group.");
        }

        var scenarios = r?.Scenarios ?? [];
        foreach (var standard in StandardScenarios)
        {
            var planned = scenarios.FirstOrDefault(s => string.Equals(s.Scenario.Trim(), standard, StringComparison.OrdinalIgnoreCase));
            Need(planned?.Response, $"No response planned for '{standard}'.");
        }

        foreach (var extra in scenarios.Where(s => !IsStandard(s.Scenario)))
        {
            Need(extra.Response, $"No response planned for '{extra.Scenario.Trim()}'.");
        }

        Need(r?.FacilitatorId, "No facilitator named.");
        if (r?.FacilitatorId is not null)
        {
            Need(r.FacilitatorTraining, "The facilitator's training is not recorded.");
        }

        Need(r?.CoFacilitatorId, "No co-facilitator named.");
        if (r?.CoFacilitatorId is not null)
        {
            Need(r.CoFacilitatorTraining, "The co-facilitator's training is not recorded.");
        }

        Need(r?.SafeguardingCover, "No safeguarding cover described (who covers each session, and how to reach them).");
        Need(r?.Supervision, "No supervision described for the facilitators.");
        Need(r?.AbsencePlan, "No plan for holidays and facilitator absence.");
        Need(r?.HouseRules, "No house rules written.");
        return gaps;
    }

    /// <summary>Why the sign-off does not hold at <paramref name="now"/>, or null when it does.</summary>
    public static string? SignOffGap(GroupReadiness? r, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (r?.SignedOffAt is null || r.SignedOffVersion is null)
        {
            return "Not signed off yet: a safeguarding lead for the group must sign off the risk assessment.";
        }

        if (r.SignedOffVersion != r.Version)
        {
            var when = r.VoidedAt is { } voided ? " on " + Format(LocalDate(zone, voided)) : "";
            return $"The sign-off was voided by an edit{when}: a safeguarding lead must sign it off again.";
        }

        if (r.ReviewBy is { } reviewBy && now >= LapsesAt(reviewBy, zone))
        {
            return $"Review date passed on {Format(reviewBy)}: a safeguarding lead must review the risk assessment and sign it off again.";
        }

        return null;
    }

    /// <summary>Everything that keeps the group from opening, content first, then the sign-off.</summary>
    public static IReadOnlyList<string> Missing(GroupReadiness? r, int aimCount, TimeZoneInfo zone, DateTimeOffset now)
    {
        var missing = new List<string>(ContentGaps(r, aimCount));
        if (SignOffGap(r, zone, now) is { } gap)
        {
            missing.Add(gap);
        }

        return missing;
    }

    /// <summary>A heads-up while the sign-off holds but its review date is under two weeks away.</summary>
    public static IReadOnlyList<string> Notices(GroupReadiness? r, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (SignOffGap(r, zone, now) is not null || r?.ReviewBy is not { } reviewBy)
        {
            return [];
        }

        var days = reviewBy.DayNumber - LocalDate(zone, now).DayNumber;
        return days > 14 ? [] :
        [
            $"Review due by {Format(reviewBy)} ({(days == 1 ? "tomorrow" : $"in {days} days")}): from that day young people are kept out until a safeguarding lead signs it off again.",
        ];
    }

    /// <summary>When a sign-off with this review date stops holding: the start of that day in the group's zone.</summary>
    public static DateTimeOffset LapsesAt(DateOnly reviewBy, TimeZoneInfo zone) =>
        new(ZoneTime.ToUtc(zone, reviewBy.ToDateTime(TimeOnly.MinValue).Ticks), TimeSpan.Zero);

    /// <summary>The signed-off version's end, or null when there is no current sign-off to lapse.</summary>
    public static DateTimeOffset? SignedOffUntil(GroupReadiness? r, TimeZoneInfo zone) =>
        r is { SignedOffAt: not null, ReviewBy: { } reviewBy } && r.SignedOffVersion == r.Version ? LapsesAt(reviewBy, zone) : null;

    public static DateOnly LocalDate(TimeZoneInfo zone, DateTimeOffset instant) => ZoneTime.LocalDate(zone, instant.UtcTicks);

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
