using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>Persistence on the configured provider and the use cases of every capability.</summary>
    public static IServiceCollection AddEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        return services
            .AddPersistence(configuration)
            .AddRegistry()
            .AddEligibility()
            .AddScreening(configuration)
            .AddRuleLifecycle(configuration)
            .AddProposals()
            .AddCases()
            .AddDisbursement()
            .AddPanti()
            .AddPkh()
            .AddIndicators();
    }
}
