using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Panti;

/// <summary>What UPT staff type when they propose termination assistance for a resident (or edit the draft).</summary>
public sealed record TerminationRequest(
    long ResidentId,
    DateOnly? TerminationOn,
    string TerminationReason,
    string DestinationAddress,
    string ReceivingFamily,
    DateOnly? FollowUpVisitOn,
    string Payee,
    string BankAccount,
    string AccountHolder);

/// <summary>
/// The checks of the termination form, all reported together in Indonesian, before anything is
/// stored. Whether the resident qualifies is the rule set's business (decided on verification, with
/// its explanation); the form refuses only what cannot be a termination case at all.
/// </summary>
internal static class TerminationForm
{
    public static IReadOnlyList<string> Payees { get; } = ["klien", "wali"];

    /// <summary>The resident and their home, when the user may see them; otherwise refused like a missing resident.</summary>
    public static async Task<(Resident Resident, PantiHome Home)> ResidentAsync(SejahteraDbContext db, long residentId, RegionScope scope, CancellationToken ct) =>
        await PantiScope.ResidentAsync(db, scope, residentId, ct) ?? throw new ResidentNotFoundException(residentId);

    public static async Task CheckAsync(SejahteraDbContext db, TerminationRequest request, Resident resident, long? exceptProposalId, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!RehabilitationStages.MayBeProposed(resident.Stage))
        {
            problems.Add($"penghuni masih pada tahap {RehabilitationStages.Label(resident.Stage).ToLowerInvariant()}; bantuan terminasi diusulkan mulai tahap resosialisasi");
        }

        if (request.TerminationOn is not { } on)
        {
            problems.Add("tanggal terminasi wajib diisi");
        }
        else if (on < resident.AdmittedOn)
        {
            problems.Add($"tanggal terminasi {on:dd-MM-yyyy} sebelum tanggal masuk panti {resident.AdmittedOn:dd-MM-yyyy}");
        }

        if (!RehabilitationStages.TerminationReasons.Contains(request.TerminationReason))
        {
            problems.Add($"alasan terminasi harus salah satu dari: {string.Join(", ", RehabilitationStages.TerminationReasons)}");
        }

        if (!Payees.Contains(request.Payee))
        {
            problems.Add("penerima pembayaran harus 'klien' atau 'wali'");
        }

        foreach (var (field, value) in new[] { ("alamat tujuan", request.DestinationAddress), ("keluarga/wali penerima", request.ReceivingFamily) })
        {
            if (SafeText.Problem(value) is { } problem)
            {
                problems.Add($"{field} {problem}");
            }
        }

        if (request.Payee == "wali" && request.ReceivingFamily.Trim().Length == 0)
        {
            problems.Add("pembayaran kepada wali memerlukan nama keluarga/wali penerima");
        }

        // Checked where the account is typed: a wrong holder found only at payment blocks the money for weeks.
        if (problems.Count == 0
            && AccountCheck.ForPayee(request.BankAccount, request.AccountHolder, request.Payee, resident.Name, request.ReceivingFamily) is { } account)
        {
            problems.Add(account);
        }

        var open = await db.PantiTerminations.AsNoTracking().Where(t => t.ResidentId == resident.Id && t.ProposalId != exceptProposalId)
            .Join(db.Proposals.AsNoTracking(), t => t.ProposalId, p => p.Id, (t, p) => new { p.Id, p.Stage }).ToListAsync(ct);
        if (open.FirstOrDefault(p => p.Stage != StateMeanings.Rejected) is { } running)
        {
            problems.Add($"penghuni ini sudah memiliki usulan bantuan terminasi (usulan {running.Id})");
        }

        if (problems.Count > 0)
        {
            throw new ProposalRefusedException("Usulan terminasi tidak dapat disimpan: " + string.Join("; ", problems) + ".");
        }
    }

    /// <summary>Writes the request into the case and its panti part. The case carries the resident's name and the guardian's, whom the account may belong to.</summary>
    public static void Apply(Proposal proposal, PantiTermination termination, TerminationRequest request, Resident resident)
    {
        proposal.GroupName = resident.Name;
        proposal.ChairName = request.ReceivingFamily.Trim();
        proposal.BankAccount = request.BankAccount.Trim();
        proposal.AccountHolder = request.AccountHolder.Trim();
        termination.TerminationOn = request.TerminationOn!.Value;
        termination.TerminationReason = request.TerminationReason;
        termination.DestinationAddress = request.DestinationAddress.Trim();
        termination.ReceivingFamily = request.ReceivingFamily.Trim();
        termination.FollowUpVisitOn = request.FollowUpVisitOn;
        termination.Payee = request.Payee;
    }
}
