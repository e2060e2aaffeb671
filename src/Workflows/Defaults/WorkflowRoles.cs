namespace Sejahtera.Workflows.Defaults;

/// <summary>The application's roles, as workflow definitions name them.</summary>
public static class WorkflowRoles
{
    public const string Admin = "admin";
    public const string RulePublisher = "rule-publisher";
    public const string Operator = "operator";
    public const string Verifier = "verifier";
    public const string Pendamping = "pendamping";
    public const string KepalaBidang = "kepala-bidang";
    public const string KepalaDinas = "kepala-dinas";
    public const string Bendahara = "bendahara";
    public const string UptStaff = "upt-staff";
    /// <summary>Staff of the Seksi/Bidang Rehabilitasi Sosial of the province, who verify panti termination cases.</summary>
    public const string Rehsos = "rehsos";
    /// <summary>The PKH coordinator of a kabupaten/kota, who reviews graduation cases.</summary>
    public const string PkhCoordinator = "koordinator-pkh";
    public const string Viewer = "viewer";
    /// <summary>Planning staff (Subbagian Perencanaan): read every indicator report and run the monthly computation.</summary>
    public const string Planner = "perencana";
    /// <summary>Staff of a bidang who enter the monthly values of their bidang's manual indicators.</summary>
    public const string BidangStaff = "staf-bidang";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Admin, RulePublisher, Operator, Verifier, Pendamping, KepalaBidang, KepalaDinas, Bendahara, UptStaff, Rehsos, PkhCoordinator, Viewer,
        Planner, BidangStaff,
    };

    /// <summary>The role as a user reads it, in Indonesian.</summary>
    public static string Label(string role) => role switch
    {
        Admin => "Admin aturan",
        RulePublisher => "Penerbit aturan",
        Operator => "Operator kabupaten/kota",
        Verifier => "Verifikator",
        Pendamping => "Pendamping/TKSK",
        KepalaBidang => "Kepala Bidang",
        KepalaDinas => "Kepala Dinas",
        Bendahara => "Bendahara",
        UptStaff => "Petugas UPT",
        Rehsos => "Seksi Rehabilitasi Sosial",
        PkhCoordinator => "Koordinator PKH kabupaten/kota",
        Viewer => "Pengamat",
        Planner => "Perencana",
        BidangStaff => "Staf bidang",
        _ => role,
    };
}
