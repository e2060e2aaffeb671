using System.Security.Claims;
using System.Text.Json.Serialization;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Panti.Browse;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Api;

/// <summary>A resident of a home as lists show them; the NIK as the user may see it.</summary>
internal sealed record ResidentSummary(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("nik")] string Nik,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sex")] string Sex,
    [property: JsonPropertyName("birth_date")] DateOnly BirthDate,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("admitted_on")] DateOnly AdmittedOn,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("stage_label")] string StageLabel,
    [property: JsonPropertyName("stage_since")] DateOnly StageSince,
    [property: JsonPropertyName("in_dtks")] bool InDtks)
{
    public static ResidentSummary Of(Resident r, ClaimsPrincipal user) => new(
        r.Id, user.ShowNik(r.Nik), r.Name, r.Sex, r.BirthDate, r.Category, r.AdmittedOn, r.Stage, RehabilitationStages.Label(r.Stage), r.StageSince, r.InDtks);
}

/// <summary>A home by its code and name.</summary>
internal sealed record HomeRef([property: JsonPropertyName("code")] string Code, [property: JsonPropertyName("name")] string Name);

/// <summary>The panti part of a termination case, as the case's JSON carries it.</summary>
internal sealed record TerminationInfo(
    [property: JsonPropertyName("resident")] ResidentSummary Resident,
    [property: JsonPropertyName("plan_completed")] bool PlanCompleted,
    [property: JsonPropertyName("evaluation_done")] bool EvaluationDone,
    [property: JsonPropertyName("home")] HomeRef Home,
    [property: JsonPropertyName("termination_on")] DateOnly TerminationOn,
    [property: JsonPropertyName("termination_reason")] string TerminationReason,
    [property: JsonPropertyName("destination_address")] string DestinationAddress,
    [property: JsonPropertyName("receiving_family")] string ReceivingFamily,
    [property: JsonPropertyName("follow_up_visit_on")] DateOnly? FollowUpVisitOn,
    [property: JsonPropertyName("payee")] string Payee)
{
    public static TerminationInfo Of(TerminationView v, ClaimsPrincipal user) => new(
        ResidentSummary.Of(v.Resident, user), v.Resident.PlanCompleted, v.Resident.EvaluationDone, new HomeRef(v.Termination.HomeCode, v.HomeName),
        v.Termination.TerminationOn, v.Termination.TerminationReason, v.Termination.DestinationAddress, v.Termination.ReceivingFamily,
        v.Termination.FollowUpVisitOn, v.Termination.Payee);
}

/// <summary>A year's counts of a home: served, terminated, and terminated with their payment made.</summary>
internal sealed record YearCounts(
    [property: JsonPropertyName("year")] int Year,
    [property: JsonPropertyName("served")] int Served,
    [property: JsonPropertyName("terminated")] int Terminated,
    [property: JsonPropertyName("terminated_paid")] int TerminatedPaid)
{
    public static YearCounts Of(PantiYearCounts c) => new(c.Year, c.Served, c.Terminated, c.TerminatedPaid);
}

/// <summary>A home with its current residents and the year's counts.</summary>
internal sealed record HomeEntry(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("kabupaten_code")] string KabupatenCode,
    [property: JsonPropertyName("current_residents")] int CurrentResidents,
    [property: JsonPropertyName("counts")] YearCounts Counts);

/// <summary>A home's residents.</summary>
internal sealed record HomeResidentsResponse(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("current_residents")] int CurrentResidents,
    [property: JsonPropertyName("counts")] YearCounts Counts,
    [property: JsonPropertyName("residents")] IReadOnlyList<ResidentSummary> Residents);

/// <summary>A resident in full, with the stages recorded and the termination cases.</summary>
internal sealed record ResidentDetailsResponse(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("home_code")] string HomeCode,
    [property: JsonPropertyName("home_name")] string HomeName,
    [property: JsonPropertyName("nik")] string Nik,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("sex")] string Sex,
    [property: JsonPropertyName("birth_date")] DateOnly BirthDate,
    [property: JsonPropertyName("category")] string Category,
    [property: JsonPropertyName("admitted_on")] DateOnly AdmittedOn,
    [property: JsonPropertyName("origin_address")] string OriginAddress,
    [property: JsonPropertyName("guardian_name")] string GuardianName,
    [property: JsonPropertyName("guardian_relation")] string GuardianRelation,
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("stage_label")] string StageLabel,
    [property: JsonPropertyName("stage_since")] DateOnly StageSince,
    [property: JsonPropertyName("plan_completed")] bool PlanCompleted,
    [property: JsonPropertyName("evaluation_done")] bool EvaluationDone,
    [property: JsonPropertyName("in_dtks")] bool InDtks,
    [property: JsonPropertyName("updated_at")] DateTimeOffset UpdatedAt,
    [property: JsonPropertyName("updated_by")] string UpdatedBy,
    [property: JsonPropertyName("row_version")] int RowVersion,
    [property: JsonPropertyName("history")] IReadOnlyList<ResidentStageStep> History,
    [property: JsonPropertyName("termination_cases")] IReadOnlyList<TerminationCaseRef> TerminationCases)
{
    public static ResidentDetailsResponse Of(ResidentDetails d, ClaimsPrincipal user)
    {
        var r = d.Resident;
        return new(r.Id, d.Home.Code, d.Home.Name, user.ShowNik(r.Nik), r.Name, r.Sex, r.BirthDate, r.Category, r.AdmittedOn, r.OriginAddress,
            r.GuardianName, r.GuardianRelation, r.Stage, RehabilitationStages.Label(r.Stage), r.StageSince, r.PlanCompleted, r.EvaluationDone, r.InDtks,
            r.UpdatedAt, r.UpdatedBy, r.RowVersion,
            [.. d.History.Select(s => new ResidentStageStep(s.Stage, RehabilitationStages.Label(s.Stage), s.On, s.RecordedBy, s.RecordedAt))],
            [.. d.Cases.Select(c => new TerminationCaseRef(c.ProposalId, c.State, c.Stage))]);
    }
}

/// <summary>A rehabilitation stage recorded for a resident.</summary>
internal sealed record ResidentStageStep(
    [property: JsonPropertyName("stage")] string Stage,
    [property: JsonPropertyName("stage_label")] string StageLabel,
    [property: JsonPropertyName("on")] DateOnly On,
    [property: JsonPropertyName("recorded_by")] string RecordedBy,
    [property: JsonPropertyName("recorded_at")] DateTimeOffset RecordedAt);

/// <summary>A termination case of a resident.</summary>
internal sealed record TerminationCaseRef(
    [property: JsonPropertyName("proposal_id")] long ProposalId,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("stage")] string? Stage);

/// <summary>What an import of a resident list did (<c>rejected</c> named by the web naming policy: camelCase, the same for one word).</summary>
internal sealed record ResidentImportResponse(
    [property: JsonPropertyName("read")] long Read,
    [property: JsonPropertyName("added")] int Added,
    [property: JsonPropertyName("updated")] int Updated,
    [property: JsonPropertyName("unchanged")] int Unchanged,
    IReadOnlyList<ResidentRejectLine> Rejected);

/// <summary>A line of a resident list not taken, with why.</summary>
internal sealed record ResidentRejectLine(
    [property: JsonPropertyName("line")] long Line,
    [property: JsonPropertyName("nik")] string? Nik,
    [property: JsonPropertyName("reason")] string Reason);
