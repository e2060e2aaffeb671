using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

/// <summary>What the probe found leaking across roles and regions, each now held by the role and scope rules of the rest of the API.</summary>
public sealed class ScopeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_decision_is_replayed_only_within_the_region_of_its_subject()
    {
        var proposalId = await app.ApprovedAsync("KUBE Tenun Ikat Hewuli", "0011223321");
        long decisionId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            decisionId = (await db.Proposals.Where(p => p.Id == proposalId).Select(p => p.LastDecisionId).SingleAsync())!.Value;
        }

        using var ende = await app.SignedInAsync("verifikator.ende");
        using var sikka = await app.SignedInAsync("verifikator.sikka");
        using var fromEnde = await ende.PostAsync($"/api/decisions/{decisionId}/replay", null);
        using var fromSikka = await sikka.PostAsync($"/api/decisions/{decisionId}/replay", null);

        Assert.Equal(HttpStatusCode.NotFound, fromEnde.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromSikka.StatusCode);
    }

    [Fact]
    public async Task A_subject_sent_as_JSON_is_replayed_only_by_province_wide_users_and_a_megabyte_subject_is_not_stored()
    {
        using var admin = await app.SignedInAsync("admin");
        using var sikka = await app.SignedInAsync("verifikator.sikka");
        using var evaluated = await admin.PostAsJsonAsync("/api/eligibility/kube/evaluate",
            new { as_of = "2024-05-01", subject = new { Id = "uji-json", Members = Array.Empty<object>() } });
        var decisionId = (await evaluated.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("decision_id").GetInt64();
        using var regional = await sikka.PostAsync($"/api/decisions/{decisionId}/replay", null);
        using var provincial = await admin.PostAsync($"/api/decisions/{decisionId}/replay", null);
        var huge = "{\"as_of\":\"2024-05-01\",\"subject\":{\"Id\":\"besar\",\"Name\":\"" + new string('x', 1024 * 1024) + "\"}}";
        int before;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<SejahteraDbContext>().Decisions.CountAsync();
        }

        // Expect: 100-continue lets the host answer 413 before the megabyte is sent, instead of closing on a body it will not read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/eligibility/kube/evaluate") { Content = new StringContent(huge, Encoding.UTF8, "application/json") };
        request.Headers.ExpectContinue = true;
        using var tooBig = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, evaluated.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, regional.StatusCode);
        Assert.Equal(HttpStatusCode.OK, provincial.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooBig.StatusCode);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            Assert.Equal(before, await scope.ServiceProvider.GetRequiredService<SejahteraDbContext>().Decisions.CountAsync());
        }
    }

    [Fact]
    public async Task The_viewer_neither_looks_up_a_full_NIK_nor_downloads_an_identity_document_nor_sees_the_search_box()
    {
        using var viewer = await app.SignedInAsync("pengamat");

        using var lookup = await viewer.GetAsync("/api/households?q=5307010101010001");
        using var document = await viewer.GetAsync("/api/proposals/1/documents/1");
        var home = await viewer.GetStringAsync("/");

        Assert.Equal(HttpStatusCode.Forbidden, lookup.StatusCode);
        Assert.Contains("Peran Anda tidak boleh mencari rumah tangga dengan NIK", await lookup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, document.StatusCode);
        Assert.DoesNotContain("action=\"/registri/cari\"", home, StringComparison.Ordinal);
    }
}
