using Sejahtera.Workflows.Calendar;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Functions;
using Sejahtera.Workflows.Running;

namespace Sejahtera.Workflows.Tests;

/// <summary>The host's subject in these tests: a KUBE proposal as far as the guards need it.</summary>
public sealed record Proposal(bool DocumentsComplete = true, bool Eligible = true, bool LpjComplete = true, bool VisitEvidence = true, bool AccountValid = true);

/// <summary>The default KUBE workflow wired as a host would: guards on the proposal, a recorded screening action.</summary>
internal static class Kube
{
    public static readonly DateTimeOffset Wednesday = new(2025, 8, 13, 9, 0, 0, WorkCalendar.Wita);

    public static readonly Actor Operator = new("op-1", [WorkflowRoles.Operator], "53.71");
    public static readonly Actor Verifier = new("ver-1", [WorkflowRoles.Verifier], "53.71");
    public static readonly Actor Pendamping = new("pend-1", [WorkflowRoles.Pendamping], "53.71.02");
    public static readonly Actor KepalaBidang = new("kabid-1", [WorkflowRoles.KepalaBidang]);
    public static readonly Actor KepalaDinas = new("kadis-1", [WorkflowRoles.KepalaDinas]);
    public static readonly Actor Bendahara = new("bend-1", [WorkflowRoles.Bendahara]);
    public static readonly Actor Viewer = new("view-1", [WorkflowRoles.Viewer]);

    public static WorkflowFunctions Functions(List<string>? screened = null) => new WorkflowFunctions()
        .AddGuard("documents-complete", c => c.SubjectAs<Proposal>().DocumentsComplete, "dokumen proposal belum lengkap")
        .AddGuard("eligible", c => c.SubjectAs<Proposal>().Eligible
            ? GuardResult.Pass
            : GuardResult.Fail("hasil penyaringan aturan: kelompok tidak memenuhi syarat KUBE"))
        .AddGuard("visit-evidence", c => c.SubjectAs<Proposal>().VisitEvidence, "bukti kunjungan belum diunggah")
        .AddGuard("account-valid", c => c.SubjectAs<Proposal>().AccountValid, "rekening belum benar")
        .AddGuard("lpj-complete", c => c.SubjectAs<Proposal>().LpjComplete, "LPJ belum lengkap")
        .AddAction("screen-eligibility", c => screened?.Add(c.CaseId ?? ""));

    public static WorkflowRunner Runner(List<string>? screened = null) => new(
        DefaultWorkflows.KubeProposal(),
        Functions(screened),
        new WorkCalendar([new DateOnly(2025, 8, 18)]));

    public static WorkflowCase Case(string state, Proposal? proposal = null, params CaseHistoryEntry[] history) =>
        new(state) { CaseId = "kube-001", Region = "53.71.02", Subject = proposal ?? new Proposal(), History = history };
}
