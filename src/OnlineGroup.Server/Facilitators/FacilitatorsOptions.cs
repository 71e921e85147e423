using System.ComponentModel.DataAnnotations;

namespace OnlineGroup.Server.Facilitators;

public sealed class FacilitatorsOptions
{
    public const string Section = "Facilitators";

    /// <summary>Above this many hours with groups in a week, supervisors (and the facilitator) see a gentle warning.</summary>
    [Range(0.5, 168, ErrorMessage = "Facilitators:WeeklyHoursWarning must be between 0.5 and 168 hours.")]
    public double WeeklyHoursWarning { get; set; } = 6;
}
