using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Cases;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Workflows.Defaults;
using Sejahtera.Workflows.Definitions;

namespace Sejahtera.Engine.Proposals;

public sealed record DocumentUpload(string Kind, string FileName, byte[] Content);

/// <summary>A document as listed on the proposal page, without its bytes.</summary>
public sealed record DocumentInfo(long Id, string Kind, string FileName, string ContentType, long Size, string Sha256, string State, string UploadedBy, DateTimeOffset UploadedAt);

/// <summary>
/// Attaches a file to a proposal. Only photos (JPEG, PNG) and PDF, recognised by their first bytes
/// rather than by name, up to 5 MB: district offices send phone photos of the visit and scanned forms.
/// The operator may attach at any open stage, others while the open task is theirs.
/// </summary>
public sealed class AttachDocument(TimeProvider time)
{
    public const int MaxBytes = 5 * 1024 * 1024;

    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kunjungan"] = "Bukti kunjungan lapangan",
        ["profil"] = "Profil kelompok",
        ["berita-acara"] = "Berita acara pembentukan",
        ["rab"] = "Rencana anggaran biaya (RAB)",
        ["rekening"] = "Buku rekening kelompok",
        ["lpj"] = "Laporan pertanggungjawaban (LPJ)",
        ["terminasi"] = "Berita acara terminasi",
        ["bimbingan-lanjut"] = "Laporan kunjungan bimbingan lanjut",
        ["pernyataan-keluar"] = "Surat pernyataan keluar dari PKH (bermeterai)",
        ["berita-acara-musdes"] = "Berita acara musyawarah desa/kelurahan",
        ["lainnya"] = "Lainnya",
    };

    /// <summary>The document kind a guard of the default workflows waits for, or null.</summary>
    public static string? KindRequiredBy(string guard) => guard switch
    {
        "visit-evidence" => "kunjungan",
        "lpj-complete" => "lpj",
        "follow-up-report" => "bimbingan-lanjut",
        _ => null,
    };

    public async Task<DocumentInfo> HandleAsync(
        SejahteraDbContext db, long proposalId, DocumentUpload upload, string userId, IReadOnlyCollection<string> roles, RegionScope scope,
        CancellationToken ct = default)
    {
        var proposal = await db.Proposals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null || !scope.Allows(proposal.KabupatenCode, proposal.HomeCode, proposal.DesaCode))
        {
            throw new ProposalNotFoundException(proposalId);
        }

        if (proposal.Stage is { } stage && StateMeanings.Finished.Contains(stage))
        {
            throw new ProposalRefusedException($"Usulan sudah selesai (tahap {proposal.State}); dokumen tidak dapat ditambahkan lagi.");
        }

        var task = await db.ProposalTasks.AsNoTracking().FirstOrDefaultAsync(t => t.ProposalId == proposalId && t.CompletedAt == null, ct);
        var owner = CasePrograms.OwnerPermission(proposal.Program);
        var mayAttach = Access.Allows(roles, owner) || (task is not null && task.CandidateRoles.Split(',').Any(roles.Contains));
        if (!mayAttach)
        {
            throw new ProposalRefusedException(
                $"Anda tidak dapat menambahkan dokumen pada tahap ini; hanya {string.Join(", ", Access.RolesFor(owner).Select(WorkflowRoles.Label))} atau pemegang tugas yang terbuka.");
        }

        var problems = new List<string>();
        if (!Kinds.ContainsKey(upload.Kind))
        {
            problems.Add($"jenis dokumen '{upload.Kind}' tidak dikenal (pilih: {string.Join(", ", Kinds.Keys)})");
        }

        var contentType = ContentTypeOf(upload.Content);
        if (upload.Content.Length == 0)
        {
            problems.Add("berkas kosong");
        }
        else if (upload.Content.Length > MaxBytes)
        {
            problems.Add($"berkas {upload.Content.Length / 1024 / 1024.0:0.0} MB melebihi batas 5 MB");
        }
        else if (contentType is null)
        {
            problems.Add("hanya foto JPEG/PNG atau PDF yang diterima");
        }

        if (problems.Count > 0)
        {
            throw new ProposalRefusedException("Dokumen ditolak: " + string.Join("; ", problems) + ".");
        }

        var document = new ProposalDocument
        {
            ProposalId = proposalId,
            Kind = upload.Kind,
            FileName = DocumentFileName.Safe(upload.FileName, contentType!),
            ContentType = contentType!,
            Size = upload.Content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(upload.Content)),
            Content = upload.Content,
            State = proposal.State,
            UploadedBy = userId,
            UploadedAt = time.GetUtcNow(),
        };
        db.ProposalDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        return Info(document);
    }

    internal static DocumentInfo Info(ProposalDocument d) =>
        new(d.Id, d.Kind, d.FileName, d.ContentType, d.Size, d.Sha256, d.State, d.UploadedBy, d.UploadedAt);

    /// <summary>The type recognised from the first bytes: JPEG, PNG, PDF, or null for anything else.</summary>
    internal static string? ContentTypeOf(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "image/png",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "application/pdf",
        _ => null,
    };
}
