using System.ComponentModel.DataAnnotations;

namespace OnlineGroup.Server.Schedule;

/// <summary>Configuration section <c>Sessions</c>.</summary>
public sealed class SessionsOptions
{
    public const string Section = "Sessions";

    /// <summary>How long before a session closes everyone is warned (<c>SessionEnding</c>); zero for no warning.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "02:00:00", ErrorMessage = "Sessions:ClosingWarning must be between 00:00:00 (no warning) and 02:00:00.")]
    public TimeSpan ClosingWarning { get; set; } = TimeSpan.FromMinutes(10);
}
