using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Tests.Support;

/// <summary>KUBE proposals in the fixture's database, made through the engine by the demo user each step needs.</summary>
public static class KubeProposals
{
    public static readonly RegionScope Sikka = RegionScope.Parse("53.07");

    /// <summary>
    /// Six working-age earners of one Sikka kecamatan from the demo registry, of desil 1–2, none flagged and none in
    /// an earlier proposal (a member of a paid proposal would make the next one ineligible).
    /// </summary>
    public static async Task<(string Kecamatan, IReadOnlyList<string> Niks)> SixSikkaMembersAsync(this AppFixture app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var taken = await db.Proposals.AsNoTracking().Select(p => p.MembersJson).ToListAsync();
        var candidates = await db.Members.AsNoTracking()
            .Where(m => m.Flags == 0 && m.Occupation >= 1 && m.Occupation <= 4)
            .Join(db.Households.AsNoTracking().Where(h => h.KabupatenCode == "53.07" && h.Desil >= 1 && h.Desil <= 2), m => m.HouseholdId, h => h.Id, (m, h) => new { m.Nik, m.BirthDate, h.RegionCode })
            .ToListAsync();
        var group = candidates
            .Where(c => c.BirthDate.AddYears(20) <= today && c.BirthDate.AddYears(58) > today)
            .Where(c => !taken.Any(json => json.Contains(c.Nik, StringComparison.Ordinal)))
            .GroupBy(c => c.RegionCode[..8])
            .First(g => g.Count() >= 6);
        return (group.Key, group.Take(6).Select(c => c.Nik).ToList());
    }

    /// <summary>
    /// A proposal of six Sikka members walked to disbursement: created and submitted by the operator,
    /// passed by the verifier, visited by the pendamping, recommended by the kepala bidang, approved
    /// by the kepala dinas. The account is held by the group itself.
    /// </summary>
    public static async Task<long> ApprovedAsync(this AppFixture app, string groupName, string bankAccount)
    {
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SejahteraDbContext>();
        var fire = services.GetRequiredService<CaseService>();
        var proposal = await services.GetRequiredService<CreateKubeProposal>().HandleAsync(db, new KubeProposalRequest(
            groupName, "tenun ikat", kecamatan, niks, bankAccount, groupName, "Maria Goreti", "Yohana Nona", "Benang, pewarna alami dan alat tenun",
            10_000_000m, OfficersChosen: true, HasRecommendation: true, DocumentsComplete: true), "operator.sikka", [Roles.Operator], Sikka);
        await fire.FireAsync(db, proposal.Id, "submit", null, "operator.sikka", [Roles.Operator], Sikka);
        await fire.FireAsync(db, proposal.Id, "pass", null, "verifikator.sikka", [Roles.Verifier], Sikka);
        await services.GetRequiredService<AttachDocument>().HandleAsync(db, proposal.Id,
            new DocumentUpload("kunjungan", "kunjungan.pdf", Pdf), "pendamping.sikka", [Roles.Pendamping], Sikka);
        await fire.FireAsync(db, proposal.Id, "record-visit", "usaha berjalan", "pendamping.sikka", [Roles.Pendamping], Sikka);
        await fire.FireAsync(db, proposal.Id, "recommend", null, "kabid.pfm", [Roles.KepalaBidang], RegionScope.All);
        await fire.FireAsync(db, proposal.Id, "approve", null, "kadis", [Roles.KepalaDinas], RegionScope.All);
        return proposal.Id;
    }

    /// <summary>A proposal of six Sikka members submitted and passed by the verifier: the pendamping's field visit is next.</summary>
    public static async Task<long> AtFieldVerificationAsync(this AppFixture app, string groupName, string bankAccount)
    {
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SejahteraDbContext>();
        var fire = services.GetRequiredService<CaseService>();
        var proposal = await services.GetRequiredService<CreateKubeProposal>().HandleAsync(db, new KubeProposalRequest(
            groupName, "kopi", kecamatan, niks, bankAccount, groupName, "Yosef Leu", "Maria Nona", "Mesin sangrai dan kemasan",
            12_500_000m, OfficersChosen: true, HasRecommendation: true, DocumentsComplete: true), "operator.sikka", [Roles.Operator], Sikka);
        await fire.FireAsync(db, proposal.Id, "submit", null, "operator.sikka", [Roles.Operator], Sikka);
        await fire.FireAsync(db, proposal.Id, "pass", null, "verifikator.sikka", [Roles.Verifier], Sikka);
        return proposal.Id;
    }

    /// <summary>The one payment of a proposal put into a single batch so far.</summary>
    public static async Task<long> PaymentOfAsync(this AppFixture app, long proposalId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        return await db.Payments.Where(p => p.ProposalId == proposalId).Select(p => p.Id).SingleAsync();
    }

    /// <summary>The bank's reconciliation answer for the given payments.</summary>
    public static string BankAnswer(params (long PaymentId, string Status, string Reason)[] lines) =>
        "payment_id,status,reason\n" + string.Concat(lines.Select(l => $"{l.PaymentId},{l.Status},{l.Reason}\n"));

    /// <summary>A small but well-formed PDF, as the field visit's evidence.</summary>
    public static byte[] Pdf => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% kunjungan\ntrailer <</Root 1 0 R>>\n%%EOF\n");
}
