using Microsoft.Extensions.Options;
using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;

namespace OnlineGroup.Server.Readiness;

/// <summary>
/// Keeps young people out of a group whose risk assessment has no current sign-off (none, voided by an
/// edit, or past its review date), while <c>Groups:RequireReadiness</c> is on. Staff still come in to prepare.
/// </summary>
public sealed class ReadinessCondition(ReadinessDirectory readiness, IOptions<ReadinessOptions> options, TimeProvider time) : IGateCondition
{
    public const string NotReady = "notReady";

    private static readonly GateRefusal Refusal = new(GroupStates.Closed, NotReady);

    public int Order => 100;

    public async ValueTask<GateRefusal?> CheckAsync(string groupId, CancellationToken ct)
    {
        if (!options.Value.RequireReadiness)
        {
            return null;
        }

        var snapshot = await readiness.GetAsync(groupId, ct);
        return snapshot.IsSignedOff(time.GetUtcNow()) ? null : Refusal;
    }
}

/// <summary>A member who agreed to an older version of the house rules agrees again before they next join.</summary>
public sealed class HouseRulesAgreementCheck(ReadinessDirectory readiness) : IAdmissionRule
{
    public const string MustAgree = "mustAgree";

    public async ValueTask<string?> CheckAsync(CurrentUser user, Member member, CancellationToken ct)
    {
        var current = (await readiness.GetAsync(member.GroupId, ct)).HouseRulesVersion;
        return current > 0 && (member.AgreedRulesVersion ?? 0) < current ? MustAgree : null;
    }
}
