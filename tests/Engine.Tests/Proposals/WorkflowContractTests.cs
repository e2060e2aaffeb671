using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Support;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Tests.Proposals;

/// <summary>The engine knows states by meaning: a published version that renames them all runs as before.</summary>
public sealed class WorkflowContractTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    /// <summary>The shipped KUBE definition as version 2 with every state renamed into Indonesian.</summary>
    private static string RenamedVersion2()
    {
        var root = JsonNode.Parse(DefaultWorkflows.KubeProposalJson)!.AsObject();
        static string Rename(string state) => "tahap-" + state;
        root["version"] = 2;
        root["initial"] = Rename(root["initial"]!.GetValue<string>());
        var states = new JsonObject();
        foreach (var (name, state) in root["states"]!.AsObject().ToList())
        {
            foreach (var (_, transition) in state!["on"]?.AsObject() ?? [])
            {
                transition!["to"] = Rename(transition["to"]!.GetValue<string>());
            }

            root["states"]!.AsObject().Remove(name);
            states[Rename(name)] = state;
        }

        root["states"] = states;
        return root.ToJsonString();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_proposal_walks_a_version_whose_every_state_is_renamed_from_draft_to_closed(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        await new PublishWorkflowDefinition(TimeProvider.System).HandleAsync(ctx, RenamedVersion2());

        var id = await setup.ApprovedAsync(ctx);
        var batch = (await setup.Batches.CreateAsync(ctx, [id], "bendahara")).Batch;
        var payment = await ctx.Payments.SingleAsync(p => p.BatchId == batch.Id);
        await setup.Batches.ReconcileAsync(ctx, batch.Id, KubeSetup.BankAnswer((payment.Id, "paid", "")), "bendahara", ["bendahara"]);
        await setup.AttachAsync(ctx, id, "lpj", "operator.sikka", "operator");
        ctx.ChangeTracker.Clear();
        var closed = await setup.Fire.FireAsync(ctx, id, "submit-lpj", "LPJ lengkap", "operator.sikka", ["operator"], KubeSetup.Sikka);

        Assert.Equal((2, "tahap-closed", "closed"), (closed.WorkflowVersion, closed.State, closed.Stage));
        var path = await ctx.ProposalTransitions.AsNoTracking().Where(t => t.ProposalId == id).OrderBy(t => t.Id).Select(t => t.To).ToListAsync();
        Assert.Equal(["tahap-draft", "tahap-desk-verification", "tahap-field-verification", "tahap-recommendation", "tahap-approval",
            "tahap-disbursement", "tahap-accountability", "tahap-closed"], path);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task A_version_that_drops_the_payment_state_is_refused_with_the_reason_and_new_proposals_stay_on_the_last_good_one(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var json = DefaultWorkflows.KubeProposalJson.Replace("\"version\": 1", "\"version\": 2", StringComparison.Ordinal)
            .Replace("\"meaning\": \"payment\",", "", StringComparison.Ordinal);

        var refused = await Assert.ThrowsAsync<ProposalRefusedException>(() => new PublishWorkflowDefinition(TimeProvider.System).HandleAsync(ctx, json));
        var proposal = await setup.Create.HandleAsync(ctx, KubeSetup.Request(), "operator.sikka", ["operator"], KubeSetup.Sikka);

        Assert.Contains("tidak ada state bermakna 'payment'; alur program ini wajib memilikinya", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await ctx.WorkflowDefinitions.CountAsync(w => w.Key == DefaultWorkflows.KubeProposalKey));
        Assert.Equal((1, "draft", "draft"), (proposal.WorkflowVersion, proposal.State, proposal.Stage));
    }
}
