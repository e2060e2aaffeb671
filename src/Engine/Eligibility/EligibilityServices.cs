using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Eligibility;

internal static class EligibilityServices
{
    internal static IServiceCollection AddEligibility(this IServiceCollection services)
    {
        services.AddSingleton<RuleSetCatalog>();
        services.AddSingleton<EvaluateSubject>();
        services.AddSingleton<ReplayDecision>();
        services.AddSingleton<HouseholdEligibility>();
        return services;
    }
}
