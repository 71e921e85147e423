using OnlineGroup.Server.Safeguarding;

namespace OnlineGroup.Tests.Safeguarding;

/// <summary>Everyday talk that borrows risk words is allowed, untouched.</summary>
public sealed class BenignLookalikeFacts
{
    [Theory]
    [InlineData("this homework is killing me")]
    [InlineData("I cut my fringe")]
    [InlineData("I'd kill for a pizza")]
    [InlineData("that joke killed me 😂")]
    [InlineData("dying to see that film")]
    [InlineData("my phone is dead")]
    [InlineData("cutting class")]
    [InlineData("I'm so done with maths lol")]
    [InlineData("i felt really low today but talking helped")]
    [InlineData("i'm dead 💀💀")]
    [InlineData("i'm going to end it with my boyfriend")]
    [InlineData("my mum is going to kill me when she sees my grades")]
    [InlineData("i'm 3 months clean today!!")]
    [InlineData("i used to self harm but i've been doing better")]
    [InlineData("i took my tablets this morning like the doctor said")]
    [InlineData("i want to dye my hair pink")]
    [InlineData("we're doing a project on suicide prevention in pshe")]
    [InlineData("i overdosed on chocolate at easter")]
    [InlineData("hang in there, it gets better")]
    [InlineData("my snap streak with my best friend is 300 days")]
    [InlineData("my number one goal is to feel calmer")]
    [InlineData("i'm so hungry i'm dying")]
    [InlineData("i want to disappear from social media for a while")]
    [InlineData("i scratched my arm on a bramble")]
    [InlineData("i jumped off the diving board today!")]
    public void Is_allowed(string text) =>
        ShippedRules.Rules.Scan(text).Should().BeSameAs(ScanResult.Allowed, ShippedRules.Rules.Explain(text).ToString());
}
