namespace Sejahtera.Admin.Security;

/// <summary>The roles of DESIGN §7.</summary>
public static class Roles
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
    public const string Viewer = "viewer";

    public static readonly string[] All =
        [Admin, RulePublisher, Operator, Verifier, Pendamping, KepalaBidang, KepalaDinas, Bendahara, UptStaff, Viewer];

    /// <summary>
    /// Those who work with individual people's identity documents see whole NIKs; everyone else
    /// (publishers, heads, treasurer, viewers) sees them masked.
    /// </summary>
    public static readonly string[] SeeFullNik = [Admin, Operator, Verifier, Pendamping, UptStaff];

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
        Viewer => "Pengamat",
        _ => role,
    };
}
