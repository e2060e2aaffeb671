using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Screening;

internal static class ScreeningServices
{
    internal static IServiceCollection AddScreening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(ScreeningLiveness.From(configuration));
        services.AddSingleton<ScreeningProgress>();
        services.AddSingleton<StartScreening>();
        services.AddSingleton<RunScreening>();
        services.AddSingleton(provider => ScreeningSplit.From(configuration, provider.GetRequiredService<Persistence.DatabaseSettings>().Provider));
        services.AddSingleton<ScreeningParts>();
        services.AddSingleton<ScreeningDecisions>();
        services.AddSingleton<HouseholdScreening>();
        services.AddSingleton<ReplayScreeningDecision>();
        services.AddSingleton<ResumeOrphanedScreenings>();
        services.AddTransient<ScreeningJob>();
        services.AddSingleton<Quotas.SetScreeningQuota>();
        return services;
    }
}
