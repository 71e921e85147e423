namespace OnlineGroup.Server.Records;

public static class RecordsExtensions
{
    /// <summary>Session attendance and handover reports, the risk timeline, chat retention and subject access.</summary>
    public static WebApplicationBuilder AddRecords(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AttendanceRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<AttendanceRecorder>());
        services.AddSingleton<Handovers>();
        services.AddSingleton<RiskTimeline>();
        services.AddSingleton<Retention>();
        services.AddSingleton<SubjectAccess>();
        return builder;
    }
}
