using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Screening;

internal static class ScreeningServices
{
    internal static IServiceCollection AddScreening(this IServiceCollection services)
    {
        services.AddSingleton<ScreeningProgress>();
        services.AddSingleton<StartScreening>();
        services.AddSingleton<RunScreening>();
        services.AddTransient<ScreeningJob>();
        return services;
    }
}
