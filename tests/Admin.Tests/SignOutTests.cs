using System.Net;
using System.Text.RegularExpressions;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

public sealed partial class SignOutTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_sign_out_button_of_the_layout_signs_the_user_out()
    {
        using var client = await app.SignedInAsync("verifikator.sikka");

        using var response = await SignOutThroughTheLayoutAsync(client);
        using var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/masuk", response.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/masuk", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_saved_before_sign_out_is_refused_after_it()
    {
        var cookies = new CookieContainer();
        using var client = app.Client(cookies: cookies);
        using (var signIn = await AppFixture.SignInAsync(client, "operator.sikka", AppFixture.Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        var saved = cookies.GetCookieHeader(app.BaseAddress);
        using var replay = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        replay.DefaultRequestHeaders.Add("Cookie", saved);
        using (var before = await replay.GetAsync("/api/registry"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var signOut = await SignOutThroughTheLayoutAsync(client);
        using var api = await replay.GetAsync("/api/registry");
        using var page = await replay.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/masuk", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>Submits the "Keluar" form of the layout exactly as it is rendered, hidden fields included.</summary>
    private static async Task<HttpResponseMessage> SignOutThroughTheLayoutAsync(HttpClient client)
    {
        var home = await client.GetStringAsync("/");
        var form = SignOutForm().Match(home);
        Assert.True(form.Success, "The layout has no sign-out form.");
        var fields = HiddenField().Matches(form.Value).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        return await client.PostAsync(WebUtility.HtmlDecode(form.Groups["action"].Value), new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("<form method=\"post\"[^>]*? action=\"(?<action>/keluar)\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex SignOutForm();

    [GeneratedRegex("<input name=\"(?<name>[^\"]+)\" type=\"hidden\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenField();
}
