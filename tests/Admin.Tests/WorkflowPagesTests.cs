using System.Net;
using System.Text.RegularExpressions;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

/// <summary>The workflow pages over HTTP. The form publishes under its own key, so kube-proposal stays at version 1 here.</summary>
public sealed partial class WorkflowPagesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Any_signed_in_user_sees_the_workflow_list_with_a_link_to_each_version_but_only_an_admin_the_publish_link()
    {
        using var viewer = await app.SignedInAsync("pengamat");
        using var admin = await app.SignedInAsync("admin");

        var page = await viewer.GetStringAsync("/alur");

        Assert.Matches("href=\"/alur\" class=\"nav-link active\" aria-current=\"page\">Alur kerja</a>", page);
        Assert.Contains("href=\"/alur/kube-proposal/1\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/alur/terbitkan", page, StringComparison.Ordinal);
        Assert.Contains("/alur/terbitkan", await admin.GetStringAsync("/alur"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_version_page_shows_states_transitions_roles_four_eyes_and_the_Mermaid_text_and_loads_only_the_diagrams_scripts()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");

        using var response = await client.GetAsync("/alur/kube-proposal/1");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        using var list = await client.GetAsync("/alur");

        foreach (var state in new[] { "draft", "desk-verification", "field-verification", "recommendation", "approval", "disbursement", "accountability", "closed", "rejected" })
        {
            Assert.Contains($"<code>{state}</code>", page, StringComparison.Ordinal);
        }

        Assert.Contains("<td>Verifikator</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Kepala Bidang</td>", page, StringComparison.Ordinal);
        Assert.Contains("screen-eligibility", page, StringComparison.Ordinal);
        Assert.Contains("documents-complete", page, StringComparison.Ordinal);
        Assert.Contains("tidak boleh menjalankan 'Setujui'", page, StringComparison.Ordinal);
        Assert.Contains("<td>Verifikasi berkas</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>Lolos ke verifikasi lapangan</td>", page, StringComparison.Ordinal);
        Assert.Contains("'Ajukan ke verifikasi berkas', 'Lolos ke verifikasi lapangan', 'Catat kunjungan lapangan'", page, StringComparison.Ordinal);
        Assert.Matches("<pre id=\"mermaid\">stateDiagram-v2", page);

        // The picture is drawn from the Indonesian labels; Mermaid is loaded here and nowhere else, from this site.
        Assert.Matches("<pre id=\"diagram-source\" class=\"diagram-source\">stateDiagram-v2\\n    s0 : Draf\\n", page);
        Assert.Contains("s1 --> s2 : Lolos ke verifikasi lapangan", page, StringComparison.Ordinal);
        Assert.Equal(["/lib/mermaid/mermaid.min.js", "/js/workflow-diagram.js"],
            Regex.Matches(page, "<script([^>]*)>").Select(m => Regex.Match(m.Groups[1].Value, "src=\"([^\"?]+)").Groups[1].Value).ToArray());
        Assert.Contains("style-src 'self' 'unsafe-inline'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("<script", await list.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("unsafe-inline", list.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_workflow_or_version_page_is_not_found()
    {
        using var client = await app.SignedInAsync("pengamat");

        using var version = await client.GetAsync("/alur/kube-proposal/99");
        using var key = await client.GetAsync("/alur/tidak-ada/1");

        Assert.Equal(HttpStatusCode.NotFound, version.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, key.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_may_open_the_publish_form_which_starts_from_the_latest_KUBE_version()
    {
        using var operatorClient = await app.SignedInAsync("operator.sikka");
        using var admin = await app.SignedInAsync("admin");

        using var refused = await operatorClient.GetAsync("/alur/terbitkan");
        var form = await admin.GetStringAsync("/alur/terbitkan");

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/masuk", new Uri(app.BaseAddress, refused.Headers.Location!).AbsolutePath);
        Assert.Contains("\"key\": \"kube-proposal\"", Textarea(form), StringComparison.Ordinal);
        Assert.Contains("\"version\": 1", Textarea(form), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_definition_on_the_form_is_explained_and_kept_and_a_valid_one_leads_to_its_page()
    {
        using var admin = await app.SignedInAsync("admin");
        var form = await admin.GetStringAsync("/alur/terbitkan");
        var valid = Textarea(form).Replace("\"key\": \"kube-proposal\"", "\"key\": \"kube-proposal-halaman\"", StringComparison.Ordinal);
        var bad = valid.Replace("\"to\": \"approval\"", "\"to\": \"aproval\"", StringComparison.Ordinal);

        using var refused = await PostFormAsync(admin, form, bad);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        using var published = await PostFormAsync(admin, form, valid);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var error = WebUtility.HtmlDecode(ErrorParagraph().Match(refusedPage).Groups[1].Value);
        Assert.Contains("state 'recommendation', transisi 'recommend'", error, StringComparison.Ordinal);
        Assert.Contains("aproval", error, StringComparison.Ordinal);
        Assert.Equal(bad, Textarea(refusedPage));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal("/alur/kube-proposal-halaman/1", published.Headers.Location!.OriginalString);
        Assert.Contains("kube-proposal-halaman", await admin.GetStringAsync("/alur/kube-proposal-halaman/1"), StringComparison.Ordinal);
        Assert.Contains("href=\"/alur/kube-proposal-halaman/1\"", await admin.GetStringAsync("/alur"), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string form, string json) =>
        client.PostAsync("/alur/terbitkan", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Json"] = json,
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
        }));

    private static string Textarea(string page) => WebUtility.HtmlDecode(DefinitionTextarea().Match(page).Groups[1].Value);

    [GeneratedRegex("<textarea name=\"Json\" id=\"definition\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex DefinitionTextarea();

    [GeneratedRegex("<p class=\"error[^\"]*\" role=\"alert\">(.*?)</p>", RegexOptions.Singleline)]
    private static partial Regex ErrorParagraph();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
