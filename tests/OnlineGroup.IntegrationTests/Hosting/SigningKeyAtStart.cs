using OnlineGroup.IntegrationTests.Infrastructure;

namespace OnlineGroup.IntegrationTests.Hosting;

/// <summary>
/// An operator who mistypes the token signing key must learn so when the server starts, not from a server that
/// comes up and then answers every request, its readiness probe included, with a 500.
/// </summary>
public sealed class SigningKeyAtStart
{
    [Theory]
    [InlineData("not a key at all!", "Auth:SigningKey is not base64")]
    [InlineData("c2hvcnQta2V5", "Auth:SigningKey is 9 bytes; it needs at least 32")]
    public async Task AConfiguredKeyThatCannotSignTokensStopsTheServerWithTheReason(string key, string reason)
    {
        var start = () => ServerProcess.StartAsync(TestPaths.NewFolder("key"), new Dictionary<string, string> { ["Auth__SigningKey"] = key });

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("The server exited with code *")
            .Which.Message.Should().Contain(reason).And.Contain("openssl rand -base64 48", "the message says how to make a good key")
            .And.NotContain(key, "a secret, even a wrong one, is not repeated into logs");
    }

    [Fact]
    public async Task AKeptKeyFileThatWasDamagedStopsTheServerAndSaysWhichFileAndWhatToDo()
    {
        var folder = TestPaths.NewFolder("key");
        var file = Path.Combine(folder, "signing.key");
        await File.WriteAllTextAsync(file, "half a key, then the disk filled");
        var start = () => ServerProcess.StartAsync(folder, new Dictionary<string, string> { ["Auth__SigningKey"] = "" });

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .Which.Message.Should().Contain($"{file} is not base64").And.Contain("delete the file to have a new key generated");
    }

    [Fact]
    public async Task WithNoKeyConfiguredTheServerKeepsOneItGeneratedAndStarts()
    {
        var folder = TestPaths.NewFolder("key");

        await using (await ServerProcess.StartAsync(folder, new Dictionary<string, string> { ["Auth__SigningKey"] = "" }))
        {
            Convert.FromBase64String(await File.ReadAllTextAsync(Path.Combine(folder, "signing.key"))).Should().HaveCountGreaterThanOrEqualTo(32);
        }
    }
}
