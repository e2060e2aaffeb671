using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Proposals;

namespace Sejahtera.Engine.Tests.Panti;

/// <summary>Residents of two homes and the termination use cases wired as the host wires them, on a clock the test moves.</summary>
internal sealed class PantiSetup
{
    public static readonly RegionScope Naibonat = RegionScope.Parse("53.01").ForHome("riang-naibonat");
    public static readonly RegionScope BudiAgung = RegionScope.Parse("53.71").ForHome("budi-agung");
    public static readonly string[] Upt = ["upt-staff"];

    public PantiSetup(FakeTimeProvider time)
    {
        Time = time;
        var workflow = new ProposalWorkflow(new EvaluateSubject(new RuleSetCatalog(), time), new RuleSetCatalog(), time);
        Cases = new CaseService(workflow, time);
        Propose = new ProposeTermination(Cases, time);
        Edit = new EditTermination(Cases);
        Attach = new AttachDocument(time);
        Batches = new PaymentBatches(time, Cases);
        Correct = new CorrectPayment(Cases, time);
    }

    public FakeTimeProvider Time { get; }
    public CaseService Cases { get; }
    public ProposeTermination Propose { get; }
    public EditTermination Edit { get; }
    public AttachDocument Attach { get; }
    public PaymentBatches Batches { get; }
    public CorrectPayment Correct { get; }

    /// <summary>Monday 2 March 2026, 09:00 WITA.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    /// <summary>A resident ready for termination: plan completed, evaluation done, at the termination stage.</summary>
    public static async Task<Resident> ResidentAsync(SejahteraDbContext ctx, string home, string nik, string name, string stage = "terminasi")
    {
        var resident = new Resident
        {
            HomeCode = home, Nik = nik, Name = name, Sex = "P", BirthDate = new DateOnly(2008, 3, 12), Category = "anak",
            AdmittedOn = new DateOnly(2021, 7, 15), OriginAddress = "Desa Oelnasi, Kupang Tengah", GuardianName = "Yakobus Taneo",
            GuardianRelation = "paman", Stage = stage, StageSince = new DateOnly(2026, 2, 27), PlanCompleted = true, EvaluationDone = true,
            UpdatedAt = DateTimeOffset.UnixEpoch, UpdatedBy = "test",
        };
        ctx.Residents.Add(resident);
        await ctx.SaveChangesAsync();
        return resident;
    }

    public static TerminationRequest Request(long residentId, string holder = "Yakobus Taneo", DateOnly? followUp = null, string payee = "wali") => new(
        residentId, new DateOnly(2026, 2, 27), "kembali-ke-keluarga", "Desa Oelnasi RT 04, Kupang Tengah", "Yakobus Taneo",
        followUp ?? new DateOnly(2026, 4, 15), payee, "0012345678", holder);

    public Task<DocumentInfo> AttachAsync(SejahteraDbContext ctx, long id, string kind, string user, string role, RegionScope scope) =>
        Attach.HandleAsync(ctx, id, new DocumentUpload(kind, $"{kind}.pdf", KubeSetup.Pdf(kind)), user, [role], scope);
}
