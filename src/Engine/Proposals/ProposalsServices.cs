using Microsoft.Extensions.DependencyInjection;

namespace Sejahtera.Engine.Proposals;

internal static class ProposalsServices
{
    internal static IServiceCollection AddProposals(this IServiceCollection services)
    {
        services.AddSingleton<ProposalWorkflow>();
        services.AddSingleton<CreateKubeProposal>();
        services.AddSingleton<EditKubeProposal>();
        services.AddSingleton<AttachDocument>();
        services.AddSingleton<ProposalViews>();
        services.AddTransient<EscalateOverdueTasks>();
        services.AddSingleton<PublishWorkflowDefinition>();
        return services;
    }
}
