namespace OnlineGroup.Server.Facilitators;

public static class FacilitatorsExtensions
{
    public static WebApplicationBuilder AddFacilitators(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FacilitatorsOptions>().BindConfiguration(FacilitatorsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PresenceRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<PresenceRecorder>());
        return builder;
    }
}
