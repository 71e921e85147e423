using OnlineGroup.Server.Groups;

namespace OnlineGroup.Tests.Groups;

public sealed class InvitationCodes
{
    [Fact]
    public void ACodeIsTwelveUnambiguousCharactersInThreeGroups()
    {
        var code = InviteCodes.New();
        code.Should().MatchRegex("^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$");
    }

    [Fact]
    public void TheHashIgnoresCaseSpacesAndDashesSoAMistypedLayoutStillWorks()
    {
        var code = InviteCodes.New();
        InviteCodes.Hash(code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal)).Should().Be(InviteCodes.Hash(code));
    }

    [Fact]
    public void DifferentCodesHashDifferently() =>
        Enumerable.Range(0, 1000).Select(_ => InviteCodes.Hash(InviteCodes.New())).Distinct().Should().HaveCount(1000);
}
