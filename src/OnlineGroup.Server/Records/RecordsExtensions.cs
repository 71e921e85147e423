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
        services.AddSingleton<Schedule.ISessionCloseObserver, HandoverOnClose>(); // the report is built as each session closes
        services.AddSingleton<RiskTimeline>();
        services.AddSingleton<Retention>();
        services.AddHostedService<RetentionSchedule>(); // the nightly purge, on Quartz
        services.AddSingleton<SubjectAccess>();
        return builder;
    }
}
