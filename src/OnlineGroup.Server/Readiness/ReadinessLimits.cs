namespace OnlineGroup.Server.Readiness;

/// <summary>Sizes the readiness API, the schema and the pages agree on.</summary>
public static class ReadinessLimits
{
    public const int LongText = 4000;
    public const int ShortText = 500;
    public const int ScenarioName = 200;
    public const int MaxScenarios = 40;
    public const int Gender = 40;
    public const int MaxGenders = 10;

    /// <summary>A sign-off must be reviewed at least this often.</summary>
    public const int MaxReviewDays = 366;
}
