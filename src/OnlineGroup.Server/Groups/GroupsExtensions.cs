namespace OnlineGroup.Server.Groups;

public static class GroupsExtensions
{
    public static WebApplicationBuilder AddGroups(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<GroupAccess>();
        builder.Services.AddSingleton<Audit.AuditTrail>();
        return builder;
    }
}
