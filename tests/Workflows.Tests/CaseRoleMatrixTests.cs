using Sejahtera.Workflows.Calendar;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Functions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Tests;

/// <summary>
/// Every role against every action a user can take in both shipped programs, as the definitions say.
/// The expected table is written out by hand, so a role added to or dropped from a transition in a
/// definition fails here as surely as a runner that stops checking roles. (Permissions outside the
/// workflows are walked by the Admin authorization matrix test.)
/// </summary>
public sealed class CaseRoleMatrixTests
{
    private static readonly Dictionary<string, Dictionary<string, string>> Expected = new()
    {
        [DefaultWorkflows.KubeProposalKey] = new()
        {
            ["draft.submit"] = "operator",
            ["desk-verification.pass"] = "verifier",
            ["desk-verification.return"] = "verifier",
            ["desk-verification.reject"] = "verifier",
            ["field-verification.record-visit"] = "pendamping",
            ["field-verification.return"] = "pendamping",
            ["recommendation.recommend"] = "kepala-bidang",
            ["recommendation.return"] = "kepala-bidang",
            ["recommendation.reject"] = "kepala-bidang",
            ["approval.approve"] = "kepala-dinas",
            ["approval.reject"] = "kepala-dinas",
            ["disbursement.return-for-account"] = "bendahara",
            ["account-correction.correct-account"] = "operator",
            ["accountability.submit-lpj"] = "operator",
        },
        [DefaultWorkflows.PantiTerminationKey] = new()
        {
            ["draft.submit"] = "upt-staff",
            ["verification.pass"] = "rehsos",
            ["verification.return"] = "rehsos",
            ["verification.reject"] = "rehsos",
            ["approval.approve"] = "kepala-dinas",
            ["approval.return"] = "kepala-dinas",
            ["approval.reject"] = "kepala-dinas",
            ["disbursement.return-for-account"] = "bendahara",
            ["account-correction.correct-account"] = "upt-staff",
            ["follow-up-visit.record-follow-up"] = "upt-staff",
        },
        [DefaultWorkflows.PkhGraduationKey] = new()
        {
            ["home-visit.record-visit"] = "pendamping",
            ["home-visit.still-eligible"] = "pendamping",
            ["review.pass"] = "koordinator-pkh",
            ["review.return"] = "koordinator-pkh",
            ["bidang-decision.graduate"] = "kepala-bidang",
            ["bidang-decision.keep"] = "kepala-bidang",
            ["bidang-decision.return"] = "kepala-bidang",
            ["objection-window.object"] = "pendamping",
            ["objection-window.finalize"] = "kepala-bidang",
        },
    };

    [Theory]
    [InlineData(DefaultWorkflows.KubeProposalKey)]
    [InlineData(DefaultWorkflows.PantiTerminationKey)]
    [InlineData(DefaultWorkflows.PkhGraduationKey)]
    public void Every_role_may_take_exactly_the_actions_of_its_program_that_the_table_says(string key)
    {
        var definition = DefaultWorkflows.Shipped(key);
        var functions = new WorkflowFunctions();
        foreach (var guard in DefaultWorkflows.GuardNames)
        {
            functions.AddGuard(guard, _ => true, "tidak dipakai");
        }

        foreach (var action in DefaultWorkflows.ActionNames)
        {
            functions.AddAction(action, _ => { });
        }

        foreach (var date in DefaultWorkflows.DateNames)
        {
            functions.AddDate(date, _ => null);
        }

        var runner = new WorkflowRunner(definition, functions, new WorkCalendar());
        var seen = new Dictionary<string, string>();
        foreach (var state in definition.States)
        {
            foreach (var transition in state.Transitions.Where(t => t.Event is null))
            {
                var allowed = WorkflowRoles.All.Order(StringComparer.Ordinal).Where(role =>
                    runner.Actions(new WorkflowCase(state.Name) { CaseId = "1", Subject = new object() }, new Actor("u", [role]), Kube.Wednesday)
                        .Single(a => a.Trigger == transition.Trigger)
                        .Refusals.All(r => r.Kind != RefusalKind.RoleNotAllowed));
                seen[$"{state.Name}.{transition.Trigger}"] = string.Join(' ', allowed);
            }
        }

        Assert.Equal(Expected[key].OrderBy(e => e.Key, StringComparer.Ordinal), seen.OrderBy(e => e.Key, StringComparer.Ordinal));
    }
}
