using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Identity;

/// <summary>
/// What a user may do outside a workflow (inside one, the definition's roles decide, through the
/// runner). One table for pages, API and CLI; each permission has the sentence a refused user reads.
/// </summary>
public enum Permission
{
    /// <summary>See whole NIKs and KK numbers (those who work with identity documents).</summary>
    SeeFullNik,

    /// <summary>Find a household by a full NIK or KK number.</summary>
    LookUpByNik,

    /// <summary>Decide a subject with the rules and store the decision.</summary>
    EvaluateEligibility,

    /// <summary>Replay a stored decision (in the user's region).</summary>
    ReplayDecision,

    /// <summary>Create and save rule drafts.</summary>
    EditRuleDraft,

    /// <summary>Run a draft's tests and its dry run.</summary>
    RunRuleDraft,

    /// <summary>Publish or retire a rule-set version.</summary>
    PublishRuleSet,

    /// <summary>Start a screening of a DTKS period.</summary>
    StartScreening,

    /// <summary>Enter the quota of a program (Sembako, PBI-JK) per kabupaten/kota that desil-3 households fill.</summary>
    ManageQuotas,

    /// <summary>Create and edit proposals, attach at any stage, correct an account.</summary>
    ManageProposals,

    /// <summary>Download documents attached to proposals (KTP scans among them).</summary>
    ReadDocuments,

    /// <summary>See payment batches, payments and bank files.</summary>
    ReadDisbursement,

    /// <summary>Make payment batches and upload the bank's reconciliation.</summary>
    PayBatches,

    /// <summary>Publish a workflow definition version; open the background jobs dashboard.</summary>
    AdministerWorkflows,

    /// <summary>Propose termination assistance for a resident of one's own home, edit the draft, correct its account.</summary>
    ProposeTermination,

    /// <summary>Record the home-visit assessment of a PKH graduation case in one's own desa, attach its evidence.</summary>
    AssessGraduation,

    /// <summary>Run the PKH graduation evaluation of a period.</summary>
    EvaluateGraduation,

    /// <summary>See the homes (panti), their residents with stage history, and their counts (UPT staff: their home only).</summary>
    ReadResidents,

    /// <summary>Record a resident's next rehabilitation stage and import a home's resident list (UPT staff, their home only).</summary>
    ManageResidents,

    /// <summary>See the PKH beneficiary families (KPM), their graduation cases and the PKH summary (pendamping: the families of their own desa only).</summary>
    ReadKpm,

    /// <summary>Import the PKH beneficiary file of a period (the coordinator: their kabupaten/kota only).</summary>
    ImportKpm,

    /// <summary>See the indicator catalog, the dashboards and the T-C.23/T-C.24 reports.</summary>
    ReadIndicators,

    /// <summary>Enter a month's value of a manual indicator of one's own bidang, with a note and evidence.</summary>
    EnterIndicatorValues,

    /// <summary>Verify or reject a value entered by someone else (Kepala Bidang; of their own bidang when they have one).</summary>
    VerifyIndicatorValues,

    /// <summary>Edit or import the indicator catalog, load historical values, and compute a month again.</summary>
    ManageIndicators,

    /// <summary>Download lists (.xlsx, CSV) of the registry, screening results, proposals and, with <see cref="ReadDisbursement"/>, payments — in one's own scope.</summary>
    ExportLists,

    /// <summary>See the staff accounts with their roles and scope, and read the audit log.</summary>
    ReadUsersAndAudit,
}

public static class Access
{
    private static readonly Dictionary<Permission, string[]> Table = new()
    {
        [Permission.SeeFullNik] = [WorkflowRoles.Admin, WorkflowRoles.Operator, WorkflowRoles.Verifier, WorkflowRoles.Pendamping, WorkflowRoles.UptStaff, WorkflowRoles.Rehsos],
        [Permission.LookUpByNik] = [WorkflowRoles.Admin, WorkflowRoles.Operator, WorkflowRoles.Verifier, WorkflowRoles.Pendamping, WorkflowRoles.UptStaff],
        [Permission.EvaluateEligibility] = [WorkflowRoles.Admin, WorkflowRoles.RulePublisher, WorkflowRoles.Operator, WorkflowRoles.Verifier],
        [Permission.ReplayDecision] =
        [
            WorkflowRoles.Admin, WorkflowRoles.RulePublisher, WorkflowRoles.Operator, WorkflowRoles.Verifier, WorkflowRoles.KepalaBidang, WorkflowRoles.KepalaDinas,
            WorkflowRoles.Rehsos,
        ],
        [Permission.EditRuleDraft] = [WorkflowRoles.Admin],
        [Permission.RunRuleDraft] = [WorkflowRoles.Admin, WorkflowRoles.RulePublisher],
        [Permission.PublishRuleSet] = [WorkflowRoles.RulePublisher],
        [Permission.StartScreening] = [WorkflowRoles.Admin, WorkflowRoles.RulePublisher, WorkflowRoles.KepalaBidang, WorkflowRoles.KepalaDinas],
        // The quota is a decision of the office (the head of the office, or the administrator entering it for them).
        [Permission.ManageQuotas] = [WorkflowRoles.Admin, WorkflowRoles.KepalaDinas],
        [Permission.ManageProposals] = [WorkflowRoles.Operator],
        [Permission.ReadDocuments] =
        [
            WorkflowRoles.Admin, WorkflowRoles.Operator, WorkflowRoles.Verifier, WorkflowRoles.Pendamping, WorkflowRoles.UptStaff,
            WorkflowRoles.KepalaBidang, WorkflowRoles.KepalaDinas, WorkflowRoles.Bendahara, WorkflowRoles.Rehsos,
        ],
        [Permission.ReadDisbursement] = [WorkflowRoles.Bendahara, WorkflowRoles.KepalaDinas, WorkflowRoles.KepalaBidang, WorkflowRoles.Admin],
        [Permission.PayBatches] = [WorkflowRoles.Bendahara],
        [Permission.AdministerWorkflows] = [WorkflowRoles.Admin],
        [Permission.ProposeTermination] = [WorkflowRoles.UptStaff],
        [Permission.AssessGraduation] = [WorkflowRoles.Pendamping],
        [Permission.EvaluateGraduation] = [WorkflowRoles.Admin, WorkflowRoles.KepalaBidang, WorkflowRoles.PkhCoordinator],
        [Permission.ReadResidents] =
        [
            WorkflowRoles.UptStaff, WorkflowRoles.Rehsos, WorkflowRoles.KepalaBidang, WorkflowRoles.KepalaDinas, WorkflowRoles.Admin, WorkflowRoles.Viewer,
        ],
        // Only the home keeps its register: the Seksi Rehabilitasi Sosial verifies the termination
        // cases built on these facts (plan completed, evaluation done), so it reads them and does not write them.
        [Permission.ManageResidents] = [WorkflowRoles.UptStaff],
        [Permission.ReadKpm] =
        [
            WorkflowRoles.Pendamping, WorkflowRoles.PkhCoordinator, WorkflowRoles.KepalaBidang, WorkflowRoles.KepalaDinas, WorkflowRoles.Admin, WorkflowRoles.Viewer,
        ],
        // The beneficiary file comes from the PKH system through the coordinator of the kabupaten/kota
        // (or the office's administrator); a pendamping works with the families, not with the file.
        [Permission.ImportKpm] = [WorkflowRoles.PkhCoordinator, WorkflowRoles.Admin],
        [Permission.ReadIndicators] =
        [
            WorkflowRoles.Planner, WorkflowRoles.BidangStaff, WorkflowRoles.KepalaBidang, WorkflowRoles.KepalaDinas, WorkflowRoles.Admin, WorkflowRoles.Viewer,
        ],
        [Permission.EnterIndicatorValues] = [WorkflowRoles.BidangStaff],
        [Permission.VerifyIndicatorValues] = [WorkflowRoles.KepalaBidang],
        [Permission.ManageIndicators] = [WorkflowRoles.Admin, WorkflowRoles.Planner],
        // A whole list in a file leaves the application: office staff who work with these lists at a
        // desk. Not the pendamping (a phone in the field), nor UPT staff (their home's register has its
        // own pages), nor the viewer (who reads, with NIKs masked).
        [Permission.ExportLists] =
        [
            WorkflowRoles.Admin, WorkflowRoles.RulePublisher, WorkflowRoles.Operator, WorkflowRoles.Verifier, WorkflowRoles.KepalaBidang,
            WorkflowRoles.KepalaDinas, WorkflowRoles.Bendahara, WorkflowRoles.Rehsos, WorkflowRoles.PkhCoordinator,
        ],
        [Permission.ReadUsersAndAudit] = [WorkflowRoles.Admin],
    };

    /// <summary>The roles that hold <paramref name="permission"/>.</summary>
    public static IReadOnlyList<string> RolesFor(Permission permission) => Table[permission];

    public static bool Allows(IEnumerable<string> roles, Permission permission) => roles.Any(Table[permission].Contains);

    /// <summary>What the permission lets one do, as the end of "Peran Anda tidak boleh …".</summary>
    public static string Describe(Permission permission) => permission switch
    {
        Permission.SeeFullNik => "melihat NIK utuh",
        Permission.LookUpByNik => "mencari rumah tangga dengan NIK atau nomor KK utuh",
        Permission.EvaluateEligibility => "menilai kelayakan dan menyimpan keputusan",
        Permission.ReplayDecision => "memutar ulang keputusan",
        Permission.EditRuleDraft => "mengubah draf aturan",
        Permission.RunRuleDraft => "menjalankan uji atau dry-run draf aturan",
        Permission.PublishRuleSet => "menerbitkan atau mempensiunkan aturan",
        Permission.StartScreening => "memulai penyaringan",
        Permission.ManageQuotas => "mengisi kuota program per kabupaten/kota",
        Permission.ManageProposals => "membuat, mengubah, atau mengoreksi usulan",
        Permission.ReadDocuments => "mengunduh dokumen usulan",
        Permission.ReadDisbursement => "melihat pencairan dan berkas bank",
        Permission.PayBatches => "membuat batch pembayaran atau mengunggah rekonsiliasi bank",
        Permission.AdministerWorkflows => "mengelola alur kerja dan tugas latar belakang",
        Permission.ProposeTermination => "mengusulkan atau mengubah bantuan terminasi penghuni panti",
        Permission.AssessGraduation => "mencatat hasil kunjungan rumah graduasi PKH",
        Permission.EvaluateGraduation => "menjalankan evaluasi graduasi PKH",
        Permission.ReadResidents => "melihat daftar penghuni panti",
        Permission.ManageResidents => "mencatat tahap rehabilitasi atau mengimpor daftar penghuni panti",
        Permission.ReadKpm => "melihat KPM PKH dan ringkasan PKH",
        Permission.ImportKpm => "mengimpor berkas KPM PKH",
        Permission.ReadIndicators => "melihat indikator Renstra dan laporannya",
        Permission.EnterIndicatorValues => "mengisi nilai bulanan indikator manual",
        Permission.VerifyIndicatorValues => "memverifikasi nilai indikator",
        Permission.ManageIndicators => "mengelola katalog indikator, memuat nilai historis, atau menghitung ulang",
        Permission.ExportLists => "mengunduh daftar (xlsx atau CSV)",
        Permission.ReadUsersAndAudit => "melihat daftar pengguna dan log audit",
        _ => permission.ToString(),
    };

    /// <summary>The refusal a user without the permission reads, in Indonesian.</summary>
    public static string Refusal(Permission permission) =>
        $"Peran Anda tidak boleh {Describe(permission)}; yang boleh: {string.Join(", ", Table[permission].Select(WorkflowRoles.Label))}.";
}

/// <summary>A user tried something their roles do not allow (HTTP 403, CLI exit 2); nothing changed. The message names who may.</summary>
public sealed class AccessRefusedException(Permission permission) : Exception(Access.Refusal(permission))
{
    public Permission Permission { get; } = permission;

    /// <summary>Throws unless <paramref name="roles"/> hold <paramref name="permission"/>; use cases call it so no page, API or CLI path can skip it.</summary>
    public static void ThrowUnless(IEnumerable<string> roles, Permission permission)
    {
        if (!Access.Allows(roles, permission))
        {
            throw new AccessRefusedException(permission);
        }
    }
}
