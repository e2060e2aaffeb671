using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Proposals;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Pkh;

/// <summary>KPM of two Sikka desa and the graduation use cases wired as the host wires them, on a clock the test moves.</summary>
internal sealed class PkhSetup
{
    public const string Period = "2026";
    public const string Desa = "53.07.01.2001";
    public static readonly RegionScope Pendamping = RegionScope.Parse("53.07").ForDesa(Desa);
    public static readonly RegionScope OtherDesa = RegionScope.Parse("53.07").ForDesa("53.07.01.2002");
    public static readonly RegionScope Sikka = RegionScope.Parse("53.07");

    public PkhSetup(TestDatabase db, FakeTimeProvider time)
    {
        Time = time;
        var catalog = new RuleSetCatalog();
        Cases = new CaseService(new ProposalWorkflow(new EvaluateSubject(catalog, time), catalog, time), time);
        Evaluate = new EvaluateGraduation(db.Settings, catalog, Cases, time);
        Assess = new RecordAssessment(Cases);
        Attach = new AttachDocument(time);
    }

    public FakeTimeProvider Time { get; }
    public CaseService Cases { get; }
    public EvaluateGraduation Evaluate { get; }
    public RecordAssessment Assess { get; }
    public AttachDocument Attach { get; }

    /// <summary>Monday 2 March 2026, 09:00 WITA.</summary>
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));

    public static DateOnly AsOf => new(2026, 3, 2);

    public static Kpm Family(string code, int serial, Action<Kpm>? change = null)
    {
        var kpm = new Kpm
        {
            Period = Period, KpmCode = code, KkNumber = $"53070100000{serial:00000}", CaretakerNik = $"53070150038{serial:00000}",
            CaretakerName = $"Ibu KPM {code}", DesaCode = Desa, KabupatenCode = "53.07", YearOfEntry = 2023, YoungChildren = 1, SdChildren = 1,
            P2k2Attendance = 0.9m, SchoolAttendance = 0.95m, Pendamping = "pendamping.sikka", ContentHash = code, ImportedAt = DateTimeOffset.UnixEpoch,
        };
        change?.Invoke(kpm);
        return kpm;
    }

    public async Task<long> CaseOfAsync(SejahteraDbContext ctx, string kpmCode) =>
        (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(ctx.GraduationCases, g => g.KpmCode == kpmCode)).ProposalId;

    public Task<DocumentInfo> AttachAsync(SejahteraDbContext ctx, long id, string kind) =>
        Attach.HandleAsync(ctx, id, new DocumentUpload(kind, $"{kind}.pdf", KubeSetup.Pdf(kind)), "pendamping.sikka", ["pendamping"], Pendamping);

    /// <summary>The pendamping's visit: the assessment, its evidence, and the visit recorded.</summary>
    public async Task VisitAsync(SejahteraDbContext ctx, long id, bool improved = false, bool signed = false, bool mampu = false)
    {
        await Assess.HandleAsync(ctx, id, new AssessmentRequest("petani jagung", improved ? "kios sembako sejak 2024" : "tidak ada", "motor, sapi 2 ekor",
            improved ? "naik dari Rp 800 ribu ke Rp 2,5 juta per bulan" : "tetap", improved, signed, mampu), "pendamping.sikka", ["pendamping"], Pendamping);
        await AttachAsync(ctx, id, "kunjungan");
        if (signed)
        {
            await AttachAsync(ctx, id, "pernyataan-keluar");
        }

        if (mampu)
        {
            await AttachAsync(ctx, id, "berita-acara-musdes");
        }

        await Cases.FireAsync(ctx, id, "record-visit", null, "pendamping.sikka", ["pendamping"], Pendamping);
    }
}
