using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.RuleLifecycle;

internal static class RuleLifecycleServices
{
    internal static IServiceCollection AddRuleLifecycle(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RegistryFacts>();
        services.AddSingleton(RuleRunBudget.From(configuration));
        services.AddSingleton<SaveDraft>();
        services.AddSingleton<AddParameterValue>();
        services.AddSingleton<TestDraft>();
        services.AddSingleton<PublishRuleSet>();
        services.AddSingleton<DryRun>();
        return services;
    }
}
