using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using OnlineGroup.IntegrationTests.Infrastructure;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Moderation;
using OnlineGroup.Server.Records;
using Message = OnlineGroup.Server.Data.Message;

namespace OnlineGroup.IntegrationTests.Chat;

/// <summary>
/// The message writer inserts with its own reused statement instead of EF's SaveChanges. What it
/// stores must read back exactly as EF would have written it, every column, on both databases; and a
/// resend must still be stopped by the unique index the writer relies on.
/// </summary>
public sealed class StoringMessages
{
    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task EveryFieldOfAMessageReadsBackAsWritten(string provider)
    {
        await using var app = await AppOnAsync(provider);
        var group = await app.LiveGroupAsync(youngPeople: 1);
        var sentAt = app.Time.GetUtcNow();
        var message = new Message
        {
            Id = Ids.NewInOrder(app.Time),
            GroupId = group.GroupId,
            Seq = null,
            AuthorAccountId = group.ModeratorId,
            AuthorMemberId = "member-1",
            AuthorName = "Sam",
            AuthorRole = "youngPerson",
            ClientMessageId = Guid.NewGuid().ToString(),
            Text = "Ünïcode — and a newline\nstays as it was 🙂",
            SentAt = new DateTimeOffset(sentAt.UtcTicks - (sentAt.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero),
            Status = MessageStatus.Removed,
            Reason = "safeguarding",
            Severity = "high",
            Categories = "selfHarm,urgent",
            RemovedAt = new DateTimeOffset(2027, 1, 12, 18, 30, 5, 123, TimeSpan.Zero),
            RemovedBy = group.ModeratorId,
            RemovedReason = "shared a method",
        };

        await InsertAsync(app, message);

        await using var db = await Contexts(app).CreateDbContextAsync();
        var stored = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == message.Id);
        stored.Should().BeEquivalentTo(message);
        (await db.Messages.CountAsync(m => m.GroupId == group.GroupId && m.SentAt == message.SentAt))
            .Should().Be(1, "times are stored in the form the model's queries compare against");
    }

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task TheSameClientMessageIdFromTheSameAuthorIsRefusedByTheDatabase(string provider)
    {
        await using var app = await AppOnAsync(provider);
        var group = await app.LiveGroupAsync(youngPeople: 1);
        var first = NewMessage(group, "same-id");
        await InsertAsync(app, first);

        var resend = NewMessage(group, "same-id");
        var insert = () => InsertAsync(app, resend);

        await insert.Should().ThrowAsync<DbException>();
        await using var db = await Contexts(app).CreateDbContextAsync();
        (await db.Messages.CountAsync(m => m.ClientMessageId == "same-id")).Should().Be(1);
    }

    /// <summary>
    /// Ordinary published messages are kept out of the indexes only staff pages read, so the writer puts
    /// fewer pages on disk per message; those pages must still find their messages through an index,
    /// not by reading everything the group ever said (SQLite uses a partial index only when the query
    /// states its condition).
    /// </summary>
    [Fact]
    public async Task TheHeldQueueAndTheRiskTimelineStillReadFromAnIndexOnSqlite()
    {
        await using var app = new OnlineGroupApp();
        var group = await app.LiveGroupAsync(youngPeople: 1);
        await using var db = await Contexts(app).CreateDbContextAsync();

        (await PlanAsync(MessageModeration.HeldIn(db, group.GroupId))).Should().Contain("USING INDEX IX_Messages_GroupId_SentAt");
        (await PlanAsync(RiskTimeline.FlaggedOrWithheld(db, group.GroupId, group.Young[0].MemberId)))
            .Should().Contain("USING INDEX IX_Messages_AuthorMemberId");
    }

    private static async Task<string> PlanAsync<T>(IQueryable<T> query)
    {
        await using var command = query.CreateDbCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        await command.Connection!.OpenAsync();
        try
        {
            var plan = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            return string.Join("; ", plan);
        }
        finally
        {
            await command.Connection.CloseAsync();
        }
    }

    private static Message NewMessage(LiveGroup group, string clientMessageId) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        GroupId = group.GroupId,
        AuthorAccountId = group.Young[0].UserId,
        AuthorName = group.Young[0].DisplayName,
        AuthorRole = "youngPerson",
        ClientMessageId = clientMessageId,
        Text = "hello",
        Status = MessageStatus.Held,
    };

    [Fact]
    public async Task EverySqliteConnectionSyncsEachCommitAndCheckpointsItsLogInLargeSteps()
    {
        await using var app = new OnlineGroupApp();
        await using var db = await Contexts(app).CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        (await PragmaAsync(connection, "journal_mode")).Should().Be("wal", "readers never block the message writer");
        (await PragmaAsync(connection, "synchronous")).Should().Be("2",
            "FULL: a commit is on the disk before anyone is told their message is stored");
        (await PragmaAsync(connection, "wal_autocheckpoint")).Should().Be(DataExtensions.WalAutoCheckpointPages.ToString(CultureInfo.InvariantCulture),
            "at SQLite's 1,000 pages the writer's commits checkpointed every 0.7 s at light load, the largest part of its p99");
        (await PragmaAsync(connection, "journal_size_limit")).Should().Be(DataExtensions.WalSizeLimitBytes.ToString(CultureInfo.InvariantCulture));
        (await PragmaAsync(connection, "foreign_keys")).Should().Be("1");
    }

    private static async Task<string?> PragmaAsync(DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task InsertAsync(OnlineGroupApp app, Message message)
    {
        await using var db = await Contexts(app).CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        using var insert = MessageInsert.Create(db);
        await using var tx = await db.Database.BeginTransactionAsync();
        insert.Execute(tx.GetDbTransaction(), message);
        await tx.CommitAsync();
    }

    private static IDbContextFactory<AppDbContext> Contexts(OnlineGroupApp app) => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    private static async Task<OnlineGroupApp> AppOnAsync(string provider) => provider == "Postgres"
        ? new OnlineGroupApp(settings: new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Default"] = await TestServices.NewPostgresDatabaseAsync(),
        })
        : new OnlineGroupApp();
}
