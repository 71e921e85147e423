using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Facilitators;
using OnlineGroup.Server.Readiness;

namespace OnlineGroup.Server.Data;

/// <summary>
/// The product's database. Each provider has a subclass of its own so that each keeps its own
/// migration set (EF migrations are per provider).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupStaff> GroupStaff => Set<GroupStaff>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<WeeklySession> WeeklySessions => Set<WeeklySession>();
    public DbSet<OneOffSession> OneOffSessions => Set<OneOffSession>();
    public DbSet<Closure> Closures => Set<Closure>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<GroupReadiness> GroupReadiness => Set<GroupReadiness>();
    public DbSet<StaffPresence> StaffPresence => Set<StaffPresence>();
    public DbSet<Debrief> Debriefs => Set<Debrief>();
    public DbSet<SupervisionRequest> SupervisionRequests => Set<SupervisionRequest>();
    public DbSet<GroupControl> GroupControls => Set<GroupControl>();
    public DbSet<MemberRestriction> MemberRestrictions => Set<MemberRestriction>();
    public DbSet<BackchannelMessage> BackchannelMessages => Set<BackchannelMessage>();
    public DbSet<Schedule.SessionChange> SessionChanges => Set<Schedule.SessionChange>();
    public DbSet<Schedule.SessionProgress> SessionProgress => Set<Schedule.SessionProgress>();
    public DbSet<Concern> Concerns => Set<Concern>();
    public DbSet<ConcernEntry> ConcernEntries => Set<ConcernEntry>();
    public DbSet<ConcernNotification> ConcernNotifications => Set<ConcernNotification>();
    public DbSet<WaitlistPlace> WaitlistPlaces => Set<WaitlistPlace>();
    public DbSet<GroupAim> GroupAims => Set<GroupAim>();
    public DbSet<Goal> Goals => Set<Goal>();
    public DbSet<CheckIn> CheckIns => Set<CheckIn>();
    public DbSet<MemberExit> MemberExits => Set<MemberExit>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<SessionAttendance> Attendance => Set<SessionAttendance>();
    public DbSet<HandoverNote> HandoverNotes => Set<HandoverNote>();
    public DbSet<HandoverReport> HandoverReports => Set<HandoverReport>();
    public DbSet<ChatRetentionMark> ChatRetention => Set<ChatRetentionMark>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(e =>
        {
            e.HasIndex(a => a.NormalizedUsername).IsUnique();
            e.Property(a => a.Username).HasMaxLength(64);
            e.Property(a => a.NormalizedUsername).HasMaxLength(64);
            e.Property(a => a.DisplayName).HasMaxLength(64);
            e.Property(a => a.Role).HasMaxLength(16);
        });
        modelBuilder.Entity<Group>(e =>
        {
            e.Property(g => g.Name).HasMaxLength(100);
            e.Property(g => g.TimeZone).HasMaxLength(64);
            e.Property(g => g.ClosedMessage).HasMaxLength(1000);
        });
        modelBuilder.Entity<GroupStaff>(e =>
        {
            e.HasKey(s => new { s.GroupId, s.AccountId, s.Duty });
            e.HasIndex(s => s.AccountId);
        });
        modelBuilder.Entity<Member>(e =>
        {
            e.HasIndex(m => new { m.GroupId, m.Status });
            e.HasIndex(m => m.AccountId);
            e.HasIndex(m => m.InviteCodeHash).IsUnique();
            e.Property(m => m.DisplayName).HasMaxLength(64);
        });
        modelBuilder.Entity<Message>(e =>
        {
            // Gap-free per-group history: one message per seq.
            e.HasIndex(m => new { m.GroupId, m.Seq }).IsUnique();
            // Idempotent sends: the same client id from the same author is stored once. The client id
            // leads, so the writer's per-batch lookup by client ids is an index seek, not a table scan.
            e.HasIndex(m => new { m.ClientMessageId, m.AuthorAccountId, m.GroupId }).IsUnique();
            // The held queue. Only held messages are in it: every index a message is added to is another
            // page the writer's commit puts on disk, and almost every message is published.
            e.HasIndex(m => new { m.GroupId, m.SentAt }).HasFilter($"\"Status\" = '{MessageStatus.Held}'");
            e.Property(m => m.ClientMessageId).HasMaxLength(100);
            e.Property(m => m.Text).HasMaxLength(ChatLimits.MaxTextLength);
        });
        modelBuilder.Entity<WeeklySession>().HasIndex(s => s.GroupId);
        modelBuilder.Entity<OneOffSession>().HasIndex(s => new { s.GroupId, s.StartsAt });
        modelBuilder.Entity<Closure>().HasIndex(c => new { c.GroupId, c.From });
        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable("Audit");
            e.HasIndex(a => new { a.GroupId, a.Id });
        });
        ReadinessSchema.Configure(modelBuilder);
        FacilitatorsSchema.Configure(modelBuilder);
        ModerationModel.Configure(modelBuilder);
        Schedule.ScheduleModel.Configure(modelBuilder);
        ConcernModel.Configure(modelBuilder);
        JourneyModel.Configure(modelBuilder);
        RecordsModel.Configure(modelBuilder);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        GuardAppendOnly();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        GuardAppendOnly();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The audit trail is append-only through the application (the database enforces it too).</summary>
    private void GuardAppendOnly()
    {
        foreach (var entry in ChangeTracker.Entries<AuditEntry>())
        {
            if (entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit trail is append-only: entries cannot be changed or deleted.");
            }
        }
    }
}

/// <summary>The embedded default: one SQLite file under data/.</summary>
public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset values; store UTC ticks so it can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}

/// <summary>PostgreSQL, for more than one instance. Times are stored as timestamptz in UTC.</summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Npgsql writes timestamptz only from UTC values; normalise whatever offset a caller used.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v.ToUniversalTime());
}

/// <summary>Lets `dotnet ef` build each provider's context without starting the server.</summary>
public sealed class SqliteDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<SqliteAppDbContext>
{
    public SqliteAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite(DataExtensions.DefaultSqlite).Options);
}

public sealed class PostgresDesignTimeFactory : Microsoft.EntityFrameworkCore.Design.IDesignTimeDbContextFactory<PostgresAppDbContext>
{
    public PostgresAppDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAppDbContext>().UseNpgsql("Host=localhost;Database=onlinegroup").Options);
}
