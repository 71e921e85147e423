using Microsoft.Extensions.Configuration;
using OnlineGroup.Server.Schedule;

namespace OnlineGroup.Tests.Schedule;

/// <summary>Where young people are pointed while their group is closed, as configured.</summary>
public class SupportContactsConfiguration
{
    private static SignpostingOptions Read(Dictionary<string, string?> settings)
    {
        var options = new SignpostingOptions();
        SignpostingOptions.Bind(options, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return options;
    }

    [Fact]
    public void Without_the_section_the_UK_helplines_and_999_are_shown()
    {
        var contacts = Read([]).Contacts;

        contacts.Select(c => c.Name).Should().Equal("Childline", "Samaritans", "Shout", "In an emergency call 999");
        contacts[0].Phone.Should().Be("0800 1111");
        contacts[1].Phone.Should().Be("116 123");
        contacts[2].Text.Should().Be("Text SHOUT to 85258");
        contacts[3].Phone.Should().Be("999");
    }

    [Fact]
    public void A_configured_list_replaces_the_defaults_with_blank_fields_left_out()
    {
        var contacts = Read(new()
        {
            ["SupportContacts:0:name"] = "Kooth",
            ["SupportContacts:0:url"] = "https://www.kooth.com",
            ["SupportContacts:0:phone"] = "  ",
            ["SupportContacts:1:name"] = "School nurse",
            ["SupportContacts:1:phone"] = "01234 567890",
            ["SupportContacts:1:hours"] = "Weekdays 9:00 to 16:00",
        }).Contacts;

        contacts.Should().HaveCount(2);
        contacts[0].Should().Be(new OnlineGroup.Server.Chat.SupportContact("Kooth", null, null, "https://www.kooth.com", null));
        contacts[1].Hours.Should().Be("Weekdays 9:00 to 16:00");
    }

    [Fact]
    public void A_contact_nobody_could_reach_stops_the_server_starting_with_a_reason()
    {
        var options = Read(new() { ["SupportContacts:0:name"] = "Somebody", ["SupportContacts:1:phone"] = "999" });

        var result = new SignpostingValidation().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.Failures.Should().Contain("SupportContacts:0 (Somebody) needs a phone number, a text instruction or a url, so a young person can reach it.");
        result.Failures.Should().Contain("SupportContacts:1 needs a name.");
    }
}
