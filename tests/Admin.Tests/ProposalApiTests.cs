using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

public sealed class ProposalApiTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static object Body(string kecamatan, IEnumerable<string> niks, string group = "KUBE Ternak Babi Nita", int? rowVersion = null) => new
    {
        group_name = group, business_type = "ternak babi", kecamatan, member_niks = niks,
        bank_account = "0011223344", account_holder = group, chair_name = "Yosef Leu", treasurer_name = "Maria Nona",
        business_plan = "Kandang dan bibit", budget_amount = 10_000_000, officers_chosen = true, has_recommendation = true, documents_complete = true,
        row_version = rowVersion,
    };

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task A_group_name_that_smuggles_a_second_bank_record_is_refused_with_the_reason_and_nothing_is_stored()
    {
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        using var op = await app.SignedInAsync("operator.sikka");
        const string forged = "KUBE Maju\",10000000,\"x\"\n1,9999,1234567890,\"Penipu Bank\",99000000,\"Bansos";

        using var created = await op.PostAsJsonAsync("/api/proposals", Body(kecamatan, niks, group: forged));

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var detail = (await Json(created)).GetProperty("detail").GetString();
        Assert.Contains("nama kelompok berisi baris baru atau karakter kendali", detail, StringComparison.Ordinal);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        Assert.False(await db.Proposals.AnyAsync(p => p.GroupName.Contains("Penipu")));
    }

    [Fact]
    public async Task An_operator_creates_edits_and_submits_a_proposal_and_the_verifier_reads_it_in_full_through_the_API()
    {
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        using var op = await app.SignedInAsync("operator.sikka");
        using var verifier = await app.SignedInAsync("verifikator.sikka");

        using var check = await op.GetAsync($"/api/proposals/members?{string.Join('&', niks.Select(n => "nik=" + n))}");
        var members = await Json(check);
        using var created = await op.PostAsJsonAsync("/api/proposals", Body(kecamatan, niks.Take(4)));
        var proposal = await Json(created);
        var id = proposal.GetProperty("id").GetInt64();
        using var edited = await op.PutAsJsonAsync($"/api/proposals/{id}", Body(kecamatan, niks, rowVersion: proposal.GetProperty("row_version").GetInt32()));
        using var stale = await op.PutAsJsonAsync($"/api/proposals/{id}", Body(kecamatan, niks, rowVersion: 0));
        using var submitted = await op.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { trigger = "submit", row_version = 1 });
        using var tasks = await verifier.GetAsync("/api/proposals/tasks");
        using var details = await verifier.GetAsync($"/api/proposals/{id}");

        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        Assert.Equal(6, members.GetArrayLength());
        Assert.All(members.EnumerateArray(), m => Assert.True(m.GetProperty("in_dtks").GetBoolean() && m.GetProperty("desil").GetInt32() > 0));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/proposals/{id}", created.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains((await Json(tasks)).EnumerateArray(), t => t.GetProperty("proposal").GetProperty("id").GetInt64() == id && t.GetProperty("state").GetString() == "desk-verification");
        var full = await Json(details);
        Assert.Equal("layak", full.GetProperty("screening").GetProperty("outcome").GetString());
        Assert.Equal(6, full.GetProperty("members").GetArrayLength());
        Assert.Equal(["create", "edit", "submit"], full.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("trigger").GetString()));
        var actions = full.GetProperty("actions").EnumerateArray().ToDictionary(a => a.GetProperty("trigger").GetString()!, a => a.GetProperty("allowed").GetBoolean());
        Assert.True(actions["pass"]);
        Assert.True(actions["return"]);
    }

    [Fact]
    public async Task Refusals_come_back_as_problem_details_in_Indonesian_and_other_regions_see_nothing()
    {
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        using var op = await app.SignedInAsync("operator.sikka");
        using var ende = await app.SignedInAsync("verifikator.ende");
        using var verifier = await app.SignedInAsync("verifikator.sikka");
        using var created = await op.PostAsJsonAsync("/api/proposals", Body(kecamatan, niks, group: "KUBE Uji Penolakan"));
        var id = (await Json(created)).GetProperty("id").GetInt64();

        using var notOperator = await verifier.PostAsJsonAsync("/api/proposals", Body(kecamatan, niks));
        using var bad = await op.PostAsJsonAsync("/api/proposals", Body("53.10.01", ["12"]));
        using var wrongRole = await verifier.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { trigger = "submit" });
        using var elsewhere = await ende.GetAsync($"/api/proposals/{id}");
        using var elsewhereAct = await ende.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { trigger = "pass" });

        Assert.Equal(HttpStatusCode.Forbidden, notOperator.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var detail = (await Json(bad)).GetProperty("detail").GetString()!;
        Assert.Contains("di luar wilayah kerja Anda", detail, StringComparison.Ordinal);
        Assert.Contains("tidak sah", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Contains("peran", (await Json(wrongRole)).GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhereAct.StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        Assert.Equal("draft", (await db.Proposals.SingleAsync(p => p.Id == id)).State);
    }

    [Fact]
    public async Task A_viewer_approving_answers_403_before_the_version_or_the_body_is_looked_at()
    {
        long id;
        int rowVersion;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            var waiting = await db.Proposals.AsNoTracking().FirstAsync(p => p.Program == "kube" && p.State == "approval");
            (id, rowVersion) = (waiting.Id, waiting.RowVersion);
        }

        using var viewer = await app.SignedInAsync("pengamat");
        using var stale = await viewer.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { trigger = "approve", row_version = rowVersion + 7 });
        using var current = await viewer.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { trigger = "approve", row_version = rowVersion });
        using var noTrigger = await viewer.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { reason = "?" });
        using var notJson = await viewer.PostAsync($"/api/proposals/{id}/transitions", new StringContent("setujui", Encoding.UTF8, "text/plain"));
        using var kadis = await app.SignedInAsync("kadis");
        using var kadisStale = await kadis.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { trigger = "approve", row_version = rowVersion + 7 });
        using var kadisNoTrigger = await kadis.PostAsJsonAsync($"/api/proposals/{id}/transitions", new { reason = "?" });

        foreach (var response in new[] { stale, current, noTrigger, notJson })
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            var problem = await Json(response);
            Assert.Equal("Tidak berwenang", problem.GetProperty("title").GetString());
            Assert.StartsWith("peran Anda (Pengamat) tidak boleh ", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
            Assert.Contains("Kepala Dinas", problem.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        }

        Assert.Contains("tidak boleh bertindak pada kasus ini; yang boleh: ", (await Json(noTrigger)).GetProperty("detail").GetString()!, StringComparison.Ordinal);

        Assert.Contains("peran Anda (Pengamat) tidak boleh menjalankan 'Setujui'; yang boleh: Kepala Dinas", (await Json(current)).GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, kadisStale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, kadisNoTrigger.StatusCode);
        await using var after = app.Services.CreateAsyncScope();
        Assert.Equal(rowVersion, (await after.ServiceProvider.GetRequiredService<SejahteraDbContext>().Proposals.SingleAsync(p => p.Id == id)).RowVersion);
    }

    [Fact]
    public async Task Evidence_files_are_uploaded_as_the_request_body_and_downloaded_byte_for_byte_only_in_the_region()
    {
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        using var op = await app.SignedInAsync("operator.sikka");
        using var ende = await app.SignedInAsync("verifikator.ende");
        using var created = await op.PostAsJsonAsync("/api/proposals", Body(kecamatan, niks, group: "KUBE Uji Dokumen"));
        var id = (await Json(created)).GetProperty("id").GetInt64();

        using var pdf = new ByteArrayContent(KubeProposals.Pdf);
        pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var uploaded = await op.PostAsync($"/api/proposals/{id}/documents?kind=berita-acara&name=berita%20acara.pdf", pdf);
        using var text = new StringContent("bukan berkas", Encoding.UTF8, "text/plain");
        using var asText = await op.PostAsync($"/api/proposals/{id}/documents?kind=profil&name=a.txt", text);
        using var fake = new ByteArrayContent("MZ-not-a-photo"u8.ToArray());
        fake.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var notPhoto = await op.PostAsync($"/api/proposals/{id}/documents?kind=profil&name=foto.jpg", fake);
        var location = uploaded.Headers.Location!.OriginalString;
        var downloaded = await op.GetByteArrayAsync(location);
        using var elsewhere = await ende.GetAsync(location);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal("berita acara.pdf", (await Json(uploaded)).GetProperty("file_name").GetString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asText.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notPhoto.StatusCode);
        Assert.Contains("JPEG/PNG atau PDF", (await Json(notPhoto)).GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(KubeProposals.Pdf, downloaded);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task A_JPEG_headed_HTML_file_named_x_html_is_served_as_a_JPEG_attachment_named_x_jpg_with_nosniff_from_the_API_and_the_page()
    {
        var (kecamatan, niks) = await app.SixSikkaMembersAsync();
        using var op = await app.SignedInAsync("operator.sikka");
        using var created = await op.PostAsJsonAsync("/api/proposals", Body(kecamatan, niks, group: "KUBE Uji Berkas Nakal"));
        var id = (await Json(created)).GetProperty("id").GetInt64();
        byte[] polyglot = [0xFF, 0xD8, 0xFF, 0xE0, .. "<html><script>alert(document.cookie)</script></html>"u8];

        using var body = new ByteArrayContent(polyglot);
        body.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var throughApi = await op.PostAsync($"/api/proposals/{id}/documents?kind=profil&name=..%2F..%2Fx.html", body);
        var detail = await op.GetStringAsync($"/usulan/{id}");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("profil"), "Kind" },
            { new StringContent(AppFixture.AntiforgeryTokenIn(detail[detail.IndexOf("id=\"upload\"", StringComparison.Ordinal)..])), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(polyglot);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/html");
        form.Add(file, "Upload", "kunjungan<b>;.html");
        using var throughPage = await op.PostAsync($"/usulan/{id}?handler=Unggah", form);
        var page = await op.GetStringAsync($"/usulan/{id}");

        Assert.Equal(HttpStatusCode.Created, throughApi.StatusCode);
        Assert.Equal("x.jpg", (await Json(throughApi)).GetProperty("file_name").GetString());
        Assert.True(throughPage.IsSuccessStatusCode || throughPage.StatusCode == HttpStatusCode.Redirect, $"page upload answered {throughPage.StatusCode}");
        Assert.Contains(">kunjungan_b.jpg</a>", page, StringComparison.Ordinal);
        Assert.DoesNotContain(".html", page, StringComparison.Ordinal);
        var links = System.Text.RegularExpressions.Regex.Matches(page, $"href=\"(/api/proposals/{id}/documents/[0-9]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, links.Count);
        foreach (var (link, name) in links.Zip(new[] { "x.jpg", "kunjungan_b.jpg" }))
        {
            using var download = await op.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("image/jpeg", download.Content.Headers.ContentType!.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
            Assert.Equal(name, download.Content.Headers.ContentDisposition.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName!.Trim('"'));
            Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal(polyglot, await download.Content.ReadAsByteArrayAsync());
        }
    }
}
