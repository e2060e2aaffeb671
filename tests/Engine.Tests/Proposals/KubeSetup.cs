using System.Text;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Disbursement;
using Sejahtera.Engine.Eligibility;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Registry.Import;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Proposals;

/// <summary>Six registered members in Alok (Sikka) and the proposal use cases wired as the host wires them.</summary>
internal sealed class KubeSetup
{
    public static readonly RegionScope Sikka = RegionScope.Parse("53.07");

    public static readonly string[] Niks = Enumerable.Range(1, 6).Select(i => DtksFile.Nik("530701", $"{10 + i:00}0685", i)).ToArray();

    private KubeSetup(TimeProvider time)
    {
        var workflow = new ProposalWorkflow(new EvaluateSubject(new RuleSetCatalog(), time), new RuleSetCatalog(), time);
        Fire = new CaseService(workflow, time);
        Create = new CreateKubeProposal(Fire, time);
        Edit = new EditKubeProposal(Fire);
        Attach = new AttachDocument(time);
        Batches = new PaymentBatches(time, Fire);
        Correct = new CorrectPayment(Fire, time);
    }

    public CreateKubeProposal Create { get; }
    public EditKubeProposal Edit { get; }
    public CaseService Fire { get; }
    public AttachDocument Attach { get; }
    public PaymentBatches Batches { get; }
    public CorrectPayment Correct { get; }

    public static async Task<KubeSetup> ImportAsync(TestDatabase db, TimeProvider? time = null)
    {
        await using (var ctx = db.Context())
        {
            if (!await ctx.Households.AnyAsync())
            {
                var file = new DtksFile();
                for (var i = 0; i < Niks.Length; i++)
                {
                    file.Row($"H{i + 1}", Niks[i]);
                }

                await new DtksImporter(db.Settings, TimeProvider.System).ImportAsync(new ImportRequest(file.WriteTo(db.Folder)));
            }
        }

        return new KubeSetup(time ?? TimeProvider.System);
    }

    public static KubeProposalRequest Request(int members = 6, string holder = "Maria Goreti Bria", string group = "KUBE Tenun Ikat Sikka") => new(
        group, "tenun ikat", "53.07.01", Niks.Take(members).ToList(), "0012345678", holder,
        "Maria Goreti Bria", "Yohana Nona", "Membeli benang dan alat tenun", 10_000_000m, OfficersChosen: true, HasRecommendation: true, DocumentsComplete: true);

    /// <summary>A small but well-formed PDF, as a scanner would send.</summary>
    public static byte[] Pdf(string text) => Encoding.ASCII.GetBytes(
        $"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% {text}\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    public Task<DocumentInfo> AttachAsync(SejahteraDbContext ctx, long id, string kind, string user, string role) =>
        Attach.HandleAsync(ctx, id, new DocumentUpload(kind, $"{kind}.pdf", Pdf(kind)), user, [role], RegionScope.All);

    /// <summary>A proposal walked to disbursement by the people each step needs.</summary>
    public async Task<long> ApprovedAsync(SejahteraDbContext ctx, KubeProposalRequest? request = null)
    {
        var proposal = await Create.HandleAsync(ctx, request ?? Request(), "operator.sikka", ["operator"], Sikka);
        await Fire.FireAsync(ctx, proposal.Id, "submit", null, "operator.sikka", ["operator"], Sikka);
        await Fire.FireAsync(ctx, proposal.Id, "pass", null, "verifikator.sikka", ["verifier"], Sikka);
        await AttachAsync(ctx, proposal.Id, "kunjungan", "pendamping.sikka", "pendamping");
        await Fire.FireAsync(ctx, proposal.Id, "record-visit", "usaha berjalan", "pendamping.sikka", ["pendamping"], Sikka);
        await Fire.FireAsync(ctx, proposal.Id, "recommend", null, "kabid.pfm", ["kepala-bidang"], RegionScope.All);
        await Fire.FireAsync(ctx, proposal.Id, "approve", null, "kadis", ["kepala-dinas"], RegionScope.All);
        return proposal.Id;
    }

    public static MemoryStream BankAnswer(params (long PaymentId, string Status, string Reason)[] lines) =>
        new(Encoding.UTF8.GetBytes("payment_id,status,reason\n" + string.Concat(lines.Select(l => $"{l.PaymentId},{l.Status},{l.Reason}\n"))));
}
