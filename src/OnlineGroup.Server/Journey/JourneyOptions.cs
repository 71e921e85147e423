using System.ComponentModel.DataAnnotations;

namespace OnlineGroup.Server.Journey;

/// <summary>Limits the API, the schema and the pages agree on.</summary>
public static class JourneyLimits
{
    public const int MaxAimLength = 200;
    public const int MaxAims = 12;
    public const int MaxGoalLength = 300;
    public const int MaxGoalsPerMember = 20;
    public const int MaxNoteLength = 1000;
    public const int MinScore = 1;
    public const int MaxScore = 5;
}

/// <summary>Configuration section <c>Journey</c>.</summary>
public sealed class JourneyOptions : IValidatableObject
{
    public const string Section = "Journey";

    public static readonly IReadOnlyList<int> DefaultFollowUpWeeks = [2, 6, 12];

    /// <summary>
    /// Weeks after an exit when the group's staff are reminded to follow up (default 2, 6 and 12). Null
    /// means the default: the configuration binder would append to a non-empty default list.
    /// </summary>
    public int[]? FollowUpWeeks { get; set; }

    public IReadOnlyList<int> Weeks => FollowUpWeeks is { Length: > 0 } weeks ? weeks : DefaultFollowUpWeeks;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FollowUpWeeks is { } weeks && weeks.Any(w => w is < 1 or > 104))
        {
            yield return new ValidationResult("Journey:FollowUpWeeks lists weeks after an exit, each from 1 to 104 (for example 2, 6 and 12).",
                [nameof(FollowUpWeeks)]);
        }

        if (FollowUpWeeks is { } all && all.Distinct().Count() != all.Length)
        {
            yield return new ValidationResult("Journey:FollowUpWeeks lists the same week twice; give each week once.", [nameof(FollowUpWeeks)]);
        }
    }
}
