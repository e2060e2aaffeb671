using System.Net;
using System.Text;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

/// <summary>
/// Every role against every guarded action of the API, through the real host and the demo accounts.
/// The expected matrix is written out here by hand (✓ allowed, · refused with 403), so a wrong entry
/// in the policy table fails as surely as an endpoint that forgets its policy.
/// </summary>
public sealed class AuthorizationMatrixTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] Accounts =
    [
        "admin", "penerbit", "operator.sikka", "verifikator.sikka", "pendamping.sikka", "kabid.pfm", "kadis", "bendahara", "upt.naibonat", "upt.budiagung",
        "rehsos", "koordinator.sikka", "pengamat",
    ];

    //                                                            adm pen ope ver pen kab kad ben upt upt reh kor pgm
    private static readonly (string Action, string Method, string Path, string? Json, string Expected)[] Matrix =
    [
        ("cari NIK", "GET", "/api/households?q=5307010101010001", null, "✓ · ✓ ✓ ✓ · · · ✓ ✓ · · ·"),
        ("nilai kelayakan", "POST", "/api/eligibility/kube/evaluate", "{}", "✓ ✓ ✓ ✓ · · · · · · · · ·"),
        ("putar ulang keputusan", "POST", "/api/decisions/987654/replay", null, "✓ ✓ ✓ ✓ · ✓ ✓ · · · ✓ · ·"),
        ("mulai penyaringan", "POST", "/api/screenings", "{}", "✓ ✓ · · · ✓ ✓ · · · · · ·"),
        ("periksa anggota", "GET", "/api/proposals/members?nik=5307010101010001", null, "· · ✓ · · · · · · · · · ·"),
        ("buat usulan", "POST", "/api/proposals", "{}", "· · ✓ · · · · · · · · · ·"),
        ("unduh dokumen", "GET", "/api/proposals/987654/documents/1", null, "✓ · ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ ✓ · ·"),
        ("lihat pencairan", "GET", "/api/payment-batches", null, "✓ · · · · ✓ ✓ ✓ · · · · ·"),
        ("buat batch", "POST", "/api/payment-batches", "{\"proposal_ids\":[]}", "· · · · · · · ✓ · · · · ·"),
        ("terbitkan alur", "POST", "/api/workflows", "{}", "✓ · · · · · · · · · · · ·"),
        ("lihat panti", "GET", "/api/panti/homes", null, "✓ · · · · ✓ ✓ · ✓ ✓ ✓ · ✓"),
        ("lihat penghuni", "GET", "/api/panti/residents/987654", null, "✓ · · · · ✓ ✓ · ✓ ✓ ✓ · ✓"),
        ("catat tahap", "POST", "/api/panti/residents/987654/stages", "{}", "· · · · · · · · ✓ ✓ · · ·"),
        ("impor penghuni", "POST", "/api/panti/import", "{}", "· · · · · · · · ✓ ✓ · · ·"),
        ("usulkan terminasi", "POST", "/api/panti/terminations", "{}", "· · · · · · · · ✓ ✓ · · ·"),
        ("lihat KPM", "GET", "/api/pkh/kpm", null, "✓ · · · ✓ ✓ ✓ · · · · ✓ ✓"),
        ("lihat satu KPM", "GET", "/api/pkh/kpm/987654", null, "✓ · · · ✓ ✓ ✓ · · · · ✓ ✓"),
        ("ringkasan PKH", "GET", "/api/pkh/ringkasan", null, "✓ · · · ✓ ✓ ✓ · · · · ✓ ✓"),
        ("impor KPM", "POST", "/api/pkh/import", "{}", "✓ · · · · · · · · · · ✓ ·"),
        ("ubah usulan terminasi", "PUT", "/api/panti/terminations/987654", "{}", "· · · · · · · · ✓ ✓ · · ·"),
        ("evaluasi graduasi", "POST", "/api/pkh/evaluations", "{}", "✓ · · · · ✓ · · · · · ✓ ·"),
        ("daftar evaluasi graduasi", "GET", "/api/pkh/evaluations", null, "✓ · · · · ✓ · · · · · ✓ ·"),
        ("daftar pengguna", "GET", "/api/users", null, "✓ · · · · · · · · · · · ·"),
        ("log audit", "GET", "/api/audit", null, "✓ · · · · · · · · · · · ·"),
        ("catat kunjungan graduasi", "POST", "/api/pkh/cases/987654/assessment", "{}", "· · · · ✓ · · · · · · · ·"),
        ("unduh registri", "GET", "/api/registry/kabupaten/99.99/export", null, "✓ ✓ ✓ ✓ · ✓ ✓ ✓ · · ✓ ✓ ·"),
        ("unduh hasil penyaringan", "GET", "/api/screenings/987654/results/export", null, "✓ ✓ ✓ ✓ · ✓ ✓ ✓ · · ✓ ✓ ·"),
        ("unduh usulan", "GET", "/api/proposals/export?format=csv", null, "✓ ✓ ✓ ✓ · ✓ ✓ ✓ · · ✓ ✓ ·"),
        ("unduh pembayaran batch", "GET", "/api/payment-batches/987654/export", null, "✓ · · · · ✓ ✓ ✓ · · · · ·"),
    ];

    [Fact]
    public async Task Every_role_may_do_exactly_what_the_matrix_says_and_is_refused_the_rest_with_the_reason()
    {
        var wrong = new List<string>();
        foreach (var (account, column) in Accounts.Select((a, i) => (a, i)))
        {
            using var client = await app.SignedInAsync(account);
            foreach (var (action, method, path, json, expected) in Matrix)
            {
                var allowed = expected.Split(' ')[column] == "✓";
                using var request = new HttpRequestMessage(new HttpMethod(method), path)
                {
                    Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
                };
                using var response = await client.SendAsync(request);
                var refused = response.StatusCode == HttpStatusCode.Forbidden;
                if (refused == allowed)
                {
                    wrong.Add($"{account} · {action}: {(int)response.StatusCode}, diharapkan {(allowed ? "boleh" : "403")}");
                }
                else if (refused && !(await response.Content.ReadAsStringAsync()).Contains("Peran Anda tidak boleh", StringComparison.Ordinal))
                {
                    wrong.Add($"{account} · {action}: 403 tanpa alasan dalam bahasa Indonesia");
                }
            }
        }

        Assert.Empty(wrong);
    }
}
