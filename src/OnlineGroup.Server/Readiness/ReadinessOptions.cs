namespace OnlineGroup.Server.Readiness;

/// <summary>The <c>Groups</c> settings readiness reads.</summary>
public sealed class ReadinessOptions
{
    public const string Section = "Groups";

    /// <summary>A group opens to young people only with a current, signed-off risk assessment.</summary>
    public bool RequireReadiness { get; set; } = true;
}
