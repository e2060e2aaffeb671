using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Cases;

internal static class CasesServices
{
    internal static IServiceCollection AddCases(this IServiceCollection services)
    {
        services.AddSingleton<CaseService>();
        return services;
    }
}
