using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.RuleLifecycle;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Engine;

public static class EngineServiceCollectionExtensions
{
    /// <summary>Persistence on the configured provider and the registry use cases.</summary>
    public static IServiceCollection AddEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => services.AddDbContext<SejahteraDbContext, SqliteSejahteraDbContext>(settings.Configure),
            DatabaseProvider.Postgres => services.AddDbContext<SejahteraDbContext, PostgresSejahteraDbContext>(settings.Configure),
            _ => services.AddDbContext<SejahteraDbContext, SqlServerSejahteraDbContext>(settings.Configure),
        };
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DtksImporter>();
        services.AddSingleton<RuleSetCatalog>();
        services.AddSingleton<EvaluateSubject>();
        services.AddSingleton<ReplayDecision>();
        services.AddSingleton<HouseholdEligibility>();
        services.AddSingleton<ScreeningProgress>();
        services.AddSingleton<StartScreening>();
        services.AddSingleton<RunScreening>();
        services.AddTransient<ScreeningJob>();
        services.AddSingleton<RegistryFacts>();
        services.AddSingleton(RuleRunBudget.From(configuration));
        services.AddSingleton<SaveDraft>();
        services.AddSingleton<TestDraft>();
        services.AddSingleton<PublishRuleSet>();
        services.AddSingleton<DryRun>();
        services.AddSingleton<ProposalWorkflow>();
        services.AddSingleton<CreateKubeProposal>();
        services.AddSingleton<EditKubeProposal>();
        services.AddSingleton<AttachDocument>();
        services.AddSingleton<CaseService>();
        services.AddSingleton<ProposalViews>();
        services.AddTransient<EscalateOverdueTasks>();
        services.AddSingleton<PaymentBatches>();
        services.AddSingleton<CorrectPayment>();
        services.AddSingleton<PublishWorkflowDefinition>();
        return services;
    }
}
