namespace OnlineGroup.Server.Safeguarding.Detection;

/// <summary>
/// What a safeguarding rule is about. Results carry these as camelCase strings
/// (<see cref="SafeguardingCategories.Name"/>), which is also how the rules file spells them.
/// </summary>
public enum SafeguardingCategory
{
    SuicidalIdeation,
    SelfHarm,
    MeansAndMethod,
    AbuseDisclosure,
    GroomingContact,
    BullyingHarmToOthers,
    EatingDistress,
}

/// <summary>The names categories have in results and in the rules file.</summary>
public static class SafeguardingCategories
{
    public const string SuicidalIdeation = "suicidalIdeation";
    public const string SelfHarm = "selfHarm";
    public const string MeansAndMethod = "meansAndMethod";
    public const string AbuseDisclosure = "abuseDisclosure";
    public const string GroomingContact = "groomingContact";
    public const string BullyingHarmToOthers = "bullyingHarmToOthers";
    public const string EatingDistress = "eatingDistress";

    /// <summary>Every category, in the order results list them.</summary>
    public static IReadOnlyList<SafeguardingCategory> All { get; } = Enum.GetValues<SafeguardingCategory>();

    public static string Name(SafeguardingCategory category) => category switch
    {
        SafeguardingCategory.SuicidalIdeation => SuicidalIdeation,
        SafeguardingCategory.SelfHarm => SelfHarm,
        SafeguardingCategory.MeansAndMethod => MeansAndMethod,
        SafeguardingCategory.AbuseDisclosure => AbuseDisclosure,
        SafeguardingCategory.GroomingContact => GroomingContact,
        SafeguardingCategory.BullyingHarmToOthers => BullyingHarmToOthers,
        SafeguardingCategory.EatingDistress => EatingDistress,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, null),
    };

    /// <summary>
    /// A disclosure is a young person telling us about harm to themselves or done to them. A disclosure
    /// is never refused (blocked): silencing a child at risk is worse than any message. It is flagged or held.
    /// </summary>
    public static bool IsDisclosure(SafeguardingCategory category) => category is
        SafeguardingCategory.SuicidalIdeation or
        SafeguardingCategory.SelfHarm or
        SafeguardingCategory.MeansAndMethod or
        SafeguardingCategory.AbuseDisclosure or
        SafeguardingCategory.EatingDistress;
}
