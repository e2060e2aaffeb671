using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.RuleLifecycle;

internal static class RuleLifecycleServices
{
    internal static IServiceCollection AddRuleLifecycle(this IServiceCollection services)
    {
        services.AddSingleton<RegistryFacts>();
        services.AddSingleton<SaveDraft>();
        services.AddSingleton<TestDraft>();
        services.AddSingleton<PublishRuleSet>();
        services.AddSingleton<DryRun>();
        return services;
    }
}
