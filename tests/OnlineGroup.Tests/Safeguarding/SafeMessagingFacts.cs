using OnlineGroup.Server.Safeguarding;
using OnlineGroup.Server.Safeguarding.Detection;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>
/// Safe-messaging guidance: methods, means and graphic detail are held from peers; so are contact details,
/// which are how grooming moves a child somewhere moderators cannot see.
/// </summary>
public sealed class SafeMessagingFacts
{
    [Theory]
    [InlineData("how many paracetamol would it take")]
    [InlineData("i took apart a pencil sharpener to get the blade")]
    [InlineData("i looked up how to tie a noose")]
    [InlineData("gonna jump off the bridge near my house")]
    [InlineData("the cuts were so deep i could see the fat")]
    [InlineData("ive been saving up my mums tablets")]
    [InlineData("how deep do you have to cut to hit a vein")]
    [InlineData("i use laxatives to lose weight, like 10 a day")]
    public void Method_and_means_are_held(string text)
    {
        var result = ShippedRules.Rules.Scan(text);

        result.Action.Should().Be(ScanAction.Hold, ShippedRules.Rules.Explain(text).ToString());
    }

    [Theory]
    [InlineData("add me on snap its jessxo_22")]
    [InlineData("text me 07700 900123")]
    [InlineData("email me lily.smith2010@gmail.com")]
    [InlineData("my insta is @lily.m.x")]
    [InlineData("lets move this to whatsapp")]
    [InlineData("move to snap?")]
    [InlineData("my discord is ghostboy#4821")]
    [InlineData("whats ur snap")]
    [InlineData("where do you live? i could come and meet you")]
    [InlineData("send me a pic of you")]
    public void Contact_details_are_held(string text)
    {
        var result = ShippedRules.Rules.Scan(text);

        result.Action.Should().Be(ScanAction.Hold, ShippedRules.Rules.Explain(text).ToString());
        result.Categories.Should().Contain(SafeguardingCategories.GroomingContact);
    }
}
