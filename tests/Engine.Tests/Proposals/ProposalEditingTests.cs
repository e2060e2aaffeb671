using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Proposals;

public sealed class ProposalEditingTests
{
    private static readonly string[] Operator = ["operator"];

    [Fact]
    public async Task A_returned_proposal_is_edited_and_resubmitted_with_the_edit_on_its_timeline()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var proposal = await setup.Create.HandleAsync(ctx, KubeSetup.Request(members: 4), "operator.sikka", ["operator"], KubeSetup.Sikka);
        await setup.Fire.FireAsync(ctx, proposal.Id, "submit", null, "operator.sikka", Operator, KubeSetup.Sikka);

        var whileVerifying = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Edit.HandleAsync(ctx, proposal.Id, KubeSetup.Request(), null, "operator.sikka", Operator, KubeSetup.Sikka));
        proposal = await setup.Fire.FireAsync(ctx, proposal.Id, "return", "anggota kurang dari 5 KK", "verifikator.sikka", ["verifier"], KubeSetup.Sikka);
        var stale = proposal.RowVersion - 1;
        var conflict = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Edit.HandleAsync(ctx, proposal.Id, KubeSetup.Request(), stale, "operator.sikka", Operator, KubeSetup.Sikka));
        var edited = await setup.Edit.HandleAsync(ctx, proposal.Id, KubeSetup.Request(), proposal.RowVersion, "operator.sikka", Operator, KubeSetup.Sikka);
        var resubmitted = await setup.Fire.FireAsync(ctx, proposal.Id, "submit", null, "operator.sikka", Operator, KubeSetup.Sikka);

        Assert.Contains("tidak dapat diubah", whileVerifying.Message, StringComparison.Ordinal);
        Assert.True(conflict.Conflict);
        Assert.Equal(6, ProposalWorkflow.Members(edited).Count);
        Assert.Equal(("desk-verification", "layak"), (resubmitted.State, resubmitted.LastOutcome));
        var log = await ctx.ProposalTransitions.Where(t => t.ProposalId == proposal.Id).OrderBy(t => t.Id).Select(t => t.Trigger).ToListAsync();
        Assert.Equal(["create", "submit", "return", "edit", "submit"], log);
        Assert.Equal(2, await ctx.Decisions.CountAsync(d => d.Program == "kube"));
    }

    [Fact]
    public async Task Bad_input_to_an_edit_names_every_problem_and_changes_nothing()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var proposal = await setup.Create.HandleAsync(ctx, KubeSetup.Request(), "operator.sikka", ["operator"], KubeSetup.Sikka);
        var bad = KubeSetup.Request() with { GroupName = " ", KecamatanCode = "53.10.01", MemberNiks = [KubeSetup.Niks[0], KubeSetup.Niks[0], "123"] };

        var refused = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            setup.Edit.HandleAsync(ctx, proposal.Id, bad, null, "operator.sikka", Operator, KubeSetup.Sikka));
        var outside = await Assert.ThrowsAsync<ProposalNotFoundException>(() =>
            setup.Edit.HandleAsync(ctx, proposal.Id, KubeSetup.Request(), null, "operator.ende", Operator, RegionScope.Parse("53.10")));

        Assert.Contains("nama kelompok wajib diisi", refused.Message, StringComparison.Ordinal);
        Assert.Contains("di luar wilayah kerja Anda", refused.Message, StringComparison.Ordinal);
        Assert.Contains("lebih dari sekali", refused.Message, StringComparison.Ordinal);
        Assert.Contains("tidak sah", refused.Message, StringComparison.Ordinal);
        Assert.NotNull(outside);
        ctx.ChangeTracker.Clear();
        var stored = await ctx.Proposals.SingleAsync(p => p.Id == proposal.Id);
        Assert.Equal(("KUBE Tenun Ikat Sikka", 0, 6), (stored.GroupName, stored.RowVersion, ProposalWorkflow.Members(stored).Count));
        Assert.Equal(1, await ctx.ProposalTransitions.CountAsync(t => t.ProposalId == proposal.Id));
    }

    [Fact]
    public async Task Only_photos_and_PDFs_up_to_5_MB_are_attached_and_only_by_those_working_on_the_proposal()
    {
        await using var db = await TestDatabase.SqliteAsync();
        var setup = await KubeSetup.ImportAsync(db);
        await using var ctx = db.Context();
        var proposal = await setup.Create.HandleAsync(ctx, KubeSetup.Request(), "operator.sikka", ["operator"], KubeSetup.Sikka);
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];
        var attach = setup.Attach;

        var photo = await attach.HandleAsync(ctx, proposal.Id, new DocumentUpload("profil", "C:\\Users\\op\\foto kelompok.jpg", jpeg), "operator.sikka", Operator, KubeSetup.Sikka);
        var exe = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            attach.HandleAsync(ctx, proposal.Id, new DocumentUpload("profil", "foto.jpg", "MZ\u0090\0"u8.ToArray()), "operator.sikka", Operator, KubeSetup.Sikka));
        var huge = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            attach.HandleAsync(ctx, proposal.Id, new DocumentUpload("rab", "rab.pdf", [.. KubeSetup.Pdf("rab"), .. new byte[AttachDocument.MaxBytes]]), "operator.sikka", Operator, KubeSetup.Sikka));
        var kind = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            attach.HandleAsync(ctx, proposal.Id, new DocumentUpload("surat-cinta", "a.pdf", KubeSetup.Pdf("a")), "operator.sikka", Operator, KubeSetup.Sikka));
        var notTheirs = await Assert.ThrowsAsync<ProposalRefusedException>(() =>
            attach.HandleAsync(ctx, proposal.Id, new DocumentUpload("kunjungan", "a.pdf", KubeSetup.Pdf("a")), "pendamping.sikka", ["pendamping"], KubeSetup.Sikka));

        Assert.Equal(("foto kelompok.jpg", "image/jpeg", 11L, "draft"), (photo.FileName, photo.ContentType, photo.Size, photo.State));
        Assert.Contains("JPEG/PNG atau PDF", exe.Message, StringComparison.Ordinal);
        Assert.Contains("5 MB", huge.Message, StringComparison.Ordinal);
        Assert.Contains("surat-cinta", kind.Message, StringComparison.Ordinal);
        Assert.Contains("tahap ini", notTheirs.Message, StringComparison.Ordinal);
        var stored = Assert.Single(await ProposalViews.DocumentsAsync(ctx, proposal.Id));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(jpeg)), stored.Sha256);
        Assert.Null(await ProposalViews.DocumentAsync(ctx, proposal.Id, stored.Id, RegionScope.Parse("53.10")));
        Assert.Equal(jpeg, (await ProposalViews.DocumentAsync(ctx, proposal.Id, stored.Id, KubeSetup.Sikka))!.Content);
    }
}
