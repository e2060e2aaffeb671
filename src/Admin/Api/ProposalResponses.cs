using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Regions;
using Fact = Sejahtera.Rules.Facts;

namespace Sejahtera.Admin.Api;

/// <summary>A case (KUBE proposal, panti termination, PKH graduation) as every proposal endpoint answers it.</summary>
internal sealed record ProposalSummary(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("program")] string Program,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("stage")] string? Stage,
    [property: JsonPropertyName("group_name")] string GroupName,
    [property: JsonPropertyName("home")] string? Home,
    [property: JsonPropertyName("business_type")] string BusinessType,
    [property: JsonPropertyName("kabupaten")] string Kabupaten,
    [property: JsonPropertyName("kecamatan")] string Kecamatan,
    [property: JsonPropertyName("kecamatan_name")] string? KecamatanName,
    [property: JsonPropertyName("budget_amount")] decimal BudgetAmount,
    [property: JsonPropertyName("last_outcome")] string? LastOutcome,
    [property: JsonPropertyName("workflow")] WorkflowRef Workflow,
    [property: JsonPropertyName("created_by")] string CreatedBy,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("row_version")] int RowVersion)
{
    public static ProposalSummary Of(Proposal p) => new(
        p.Id, p.Program, p.State, p.Stage, p.GroupName, p.HomeCode, p.BusinessType, p.KabupatenCode, p.KecamatanCode,
        RegionCatalog.Ntt.Find(p.KecamatanCode)?.Name, p.BudgetAmount, p.LastOutcome, new WorkflowRef(p.WorkflowKey, p.WorkflowVersion),
        p.CreatedBy, p.CreatedAt, p.RowVersion);
}

/// <summary>The workflow definition version a case runs on.</summary>
internal sealed record WorkflowRef([property: JsonPropertyName("key")] string Key, [property: JsonPropertyName("version")] int Version);

/// <summary>An open human task as the task list and a case show it.</summary>
internal sealed record OpenTask(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("candidate_roles")] IReadOnlyList<string> CandidateRoles,
    [property: JsonPropertyName("due_date")] DateOnly? DueDate)
{
    public static OpenTask Of(ProposalTask t) => new(t.Id, t.State, t.CandidateRoles.Split(','), t.DueDate);
}

/// <summary>A task in the user's queue with its case.</summary>
internal sealed record QueuedTask(
    [property: JsonPropertyName("task_id")] long TaskId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("candidate_roles")] IReadOnlyList<string> CandidateRoles,
    [property: JsonPropertyName("due_date")] DateOnly? DueDate,
    [property: JsonPropertyName("overdue")] bool Overdue,
    [property: JsonPropertyName("proposal")] ProposalSummary Proposal)
{
    public static QueuedTask Of(QueueItem q) =>
        new(q.Task.Id, q.Task.State, q.Task.CandidateRoles.Split(','), q.Task.DueDate, q.Overdue, ProposalSummary.Of(q.Proposal));
}

/// <summary>
/// A KUBE member as the member picker answers it: in full (<see cref="KubeMemberEntry"/>) or, for a
/// resident of another kabupaten/kota, nothing beyond "outside your region" (<see cref="KubeMemberOutsideRegion"/>).
/// </summary>
[JsonDerivedType(typeof(KubeMemberEntry))]
[JsonDerivedType(typeof(KubeMemberOutsideRegion))]
internal abstract record KubeMemberAnswer(
    [property: JsonPropertyName("nik")] string Nik,
    [property: JsonPropertyName("in_dtks")] bool InDtks);

/// <summary>A member the user may see in full; DTKS fields are null for a member not in DTKS.</summary>
internal sealed record KubeMemberEntry(
    string Nik,
    [property: JsonPropertyName("name")] string Name,
    bool InDtks,
    [property: JsonPropertyName("age")] int? Age,
    [property: JsonPropertyName("desil")] int? Desil,
    [property: JsonPropertyName("occupation")] string? Occupation,
    [property: JsonPropertyName("head_or_main_earner")] bool HeadOrMainEarner,
    [property: JsonPropertyName("prior_kube_grants")] int PriorKubeGrants,
    [property: JsonPropertyName("kecamatan")] string Kecamatan,
    [property: JsonPropertyName("data_ganda")] bool DataGanda) : KubeMemberAnswer(Nik, InDtks)
{
    public static KubeMemberEntry Of(Fact.KubeMember m, ClaimsPrincipal user, DateOnly today) => new(
        user.ShowNik(m.Nik), m.Name, m.InDtks, m.InDtks ? m.AgeOn(today) : null, m.InDtks ? m.Desil : null,
        m.InDtks ? DtksLabels.Occupation(m.Occupation) : null, m.HeadOrMainEarner, m.PriorKubeGrants, m.KecamatanCode, m.DataGanda);
}

/// <summary>A DTKS resident of another kabupaten/kota: the NIK as the user may see it, and that it is outside their region.</summary>
internal sealed record KubeMemberOutsideRegion(string Nik, bool InDtks) : KubeMemberAnswer(Nik, InDtks)
{
    [JsonPropertyName("outside_region")]
    public bool OutsideRegion => true;
}

/// <summary>A document attached to a case.</summary>
internal sealed record ProposalDocumentInfo(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("content_type")] string ContentType,
    [property: JsonPropertyName("size")] long Size,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("uploaded_by")] string UploadedBy,
    [property: JsonPropertyName("uploaded_at")] DateTimeOffset UploadedAt)
{
    public static ProposalDocumentInfo Of(DocumentInfo d) =>
        new(d.Id, d.Kind, d.FileName, d.ContentType, d.Size, d.Sha256, d.State, d.UploadedBy, d.UploadedAt);
}

/// <summary>An action of the case's current state: whether the user may take it now, and if not, why.</summary>
internal sealed record ProposalAction(
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("reason_required")] bool ReasonRequired,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("refusals")] IReadOnlyList<string> Refusals);

/// <summary>A payment of the case.</summary>
internal sealed record ProposalPayment(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("batch_id")] long BatchId,
    [property: JsonPropertyName("tranche")] int Tranche,
    [property: JsonPropertyName("amount")] decimal Amount,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("bank_reason")] string? BankReason);

/// <summary>A step of the case's history; <c>at_local</c> is the time in WITA.</summary>
internal sealed record ProposalStep(
    [property: JsonPropertyName("at")] DateTimeOffset At,
    [property: JsonPropertyName("actor")] string Actor,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("to")] string To,
    [property: JsonPropertyName("trigger")] string Trigger,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("workflow_version")] int WorkflowVersion,
    [property: JsonPropertyName("at_local")] string AtLocal);

/// <summary>A case in full, as the approver reads it.</summary>
internal sealed record ProposalDetails(
    [property: JsonPropertyName("proposal")] ProposalSummary Proposal,
    [property: JsonPropertyName("bank_account")] string BankAccount,
    [property: JsonPropertyName("account_holder")] string AccountHolder,
    [property: JsonPropertyName("chair_name")] string ChairName,
    [property: JsonPropertyName("treasurer_name")] string TreasurerName,
    [property: JsonPropertyName("business_plan")] string BusinessPlan,
    [property: JsonPropertyName("members")] IReadOnlyList<KubeMemberEntry> Members,
    [property: JsonPropertyName("termination")] TerminationInfo? Termination,
    [property: JsonPropertyName("screening")] DecisionDocument? Screening,
    [property: JsonPropertyName("open_task")] OpenTask? OpenTask,
    [property: JsonPropertyName("actions")] IReadOnlyList<ProposalAction> Actions,
    [property: JsonPropertyName("documents")] IReadOnlyList<ProposalDocumentInfo> Documents,
    [property: JsonPropertyName("payments")] IReadOnlyList<ProposalPayment> Payments,
    [property: JsonPropertyName("timeline")] IReadOnlyList<ProposalStep> Timeline)
{
    public static ProposalDetails Of(ProposalView v, IReadOnlyList<Payment> payments, ClaimsPrincipal user, DateOnly today) => new(
        ProposalSummary.Of(v.Proposal),
        v.Proposal.BankAccount,
        v.Proposal.AccountHolder,
        v.Proposal.ChairName,
        v.Proposal.TreasurerName,
        v.Proposal.BusinessPlan,
        [.. v.Members.Select(m => KubeMemberEntry.Of(m, user, today))],
        v.Termination is { } t ? TerminationInfo.Of(t, user) : null,
        v.Screening,
        v.OpenTask is { } task ? OpenTask.Of(task) : null,
        [.. v.Actions.Select(a => new ProposalAction(a.Trigger, a.To, a.ReasonRequired, a.Allowed, [.. a.Refusals.Select(r => r.Message)]))],
        [.. v.Documents.Select(ProposalDocumentInfo.Of)],
        [.. payments.Select(p => new ProposalPayment(p.Id, p.BatchId, p.Tranche, p.Amount, p.Status, p.BankReason))],
        [.. v.Timeline.Select(t => new ProposalStep(t.At, t.Actor, t.From, t.To, t.Trigger, t.Reason, t.WorkflowVersion,
            t.At.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)))]);
}

/// <summary>The member picker's answer: the people found (at most 20) and whether there were more.</summary>
internal sealed record MemberSearchResponse(
    [property: JsonPropertyName("more")] bool More,
    [property: JsonPropertyName("members")] IReadOnlyList<MemberSearchEntry> Members);

internal sealed record MemberSearchEntry(
    [property: JsonPropertyName("nik")] string Nik,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("age")] int Age,
    [property: JsonPropertyName("desil")] int Desil,
    [property: JsonPropertyName("household_id")] long HouseholdId,
    [property: JsonPropertyName("kabupaten_code")] string KabupatenCode,
    [property: JsonPropertyName("desa_code")] string DesaCode,
    [property: JsonPropertyName("desa")] string Desa,
    [property: JsonPropertyName("flags")] IReadOnlyList<string> Flags,
    [property: JsonPropertyName("pkh")] bool Pkh,
    [property: JsonPropertyName("bpnt")] bool Bpnt,
    [property: JsonPropertyName("prior_kube_grants")] int PriorKubeGrants);
