using OnlineGroup.Server.Accounts;
using OnlineGroup.Server.Audit;
using OnlineGroup.Server.Chat;
using OnlineGroup.Server.Data;
using OnlineGroup.Server.Facilitators;
using OnlineGroup.Server.Groups;
using OnlineGroup.Server.Hosting;
using OnlineGroup.Server.Journey;
using OnlineGroup.Server.Moderation;
using OnlineGroup.Server.Readiness;
using OnlineGroup.Server.Records;
using OnlineGroup.Server.Safeguarding;
using OnlineGroup.Server.Safeguarding.Detection;
using OnlineGroup.Server.ScaleOut;
using OnlineGroup.Server.Security;
using OnlineGroup.Server.Schedule;

BufferPool.SizeForManyConnections();

// The pages ship next to the binary, so `dotnet run` from the repository root, tests and a published
// install all serve the same files while reading configuration from their own working folder.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
});

builder.AddLogging();        // Serilog: console and JSON files under logs/
builder.AddWebDefaults();    // problem details, JSON, TimeProvider
builder.AddData();           // EF Core: SQLite under data/ (or PostgreSQL)
builder.AddAccounts();       // bearer tokens, roles, the first admin
builder.AddGroups();         // groups, members, staff duties
builder.AddChat();           // the hub and the message path
builder.AddReadiness();      // risk assessment sign-off, house rules, gender limits; keeps unready groups shut
builder.AddFacilitators();   // debriefs, hours and supervision for the people who run groups
builder.AddModeration();     // moderators' tools, the pause gate condition and the hub rate limit
builder.AddSecurity();       // hostile clients: hub argument checks, connections per account, request body limits
builder.AddScheduling();     // Quartz: jobs at set times, on the container's clock (clustered on PostgreSQL)
builder.AddSchedule();       // opening times: the gate, the session clock, signposting
builder.Services.AddSafeguardingDetection(); // the scan: rules file, Aho-Corasick, reloadable
builder.AddSafeguarding();   // concerns, routing to leads, outbox webhook, deadlines
builder.AddJourney();        // waiting list, aims and goals, check-ins, exits and follow-ups
builder.AddRecords();        // attendance, handover reports, risk timeline, retention, subject access
builder.AddScaleOut();       // ConnectionStrings:Redis only: presence, moderation and calendar changes shared by every instance
builder.Services.AddHostedService<DemoSeed>(); // Demo:Seed only

var app = builder.Build();

app.LogRuntimeSettings(); // the collector's mode, its gen0 cap, the buffer pool and the thread pool's spinning, for whoever reads the log

await app.MigrateDatabaseAsync(); // EF migrations, before any traffic

app.UseWebDefaults();
app.UseRequestLimits();     // REST bodies over Security:MaxRequestBodyKiB are refused before they are read
app.MapHealth();
app.MapPages();
app.MapAccounts();
app.MapGroups();
app.MapSchedule();
app.MapJourney();
app.MapRecords();
app.MapAudit();
app.MapReadiness();
app.MapFacilitators();
app.MapChat();
app.MapSafeguarding();

await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
