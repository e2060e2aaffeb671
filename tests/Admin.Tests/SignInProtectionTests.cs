using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sejahtera.Admin.Security;
using Sejahtera.Admin.Tests.Support;

namespace Sejahtera.Admin.Tests;

/// <summary>
/// Brute force and enumeration through the real sign-in form. Each test signs in from its own
/// loopback address (127.0.0.x), because the limits are per client address.
/// </summary>
public sealed partial class SignInProtectionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private SignInProtectionOptions Limits => app.Services.GetRequiredService<IOptions<SignInProtectionOptions>>().Value;

    [Fact]
    public async Task The_sign_in_attempt_after_the_limit_from_one_address_is_refused_with_429_in_Indonesian()
    {
        using var client = app.Client(IPAddress.Parse("127.0.0.2"));
        using var neighbour = app.Client(IPAddress.Parse("127.0.0.3"));

        for (var attempt = 1; attempt <= Limits.PermitsPerAddress; attempt++)
        {
            // Each attempt another name, so no name-and-address lock gets in the way of counting.
            using var allowed = await AppFixture.SignInAsync(client, $"penebak.{attempt}", "salah");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await AppFixture.SignInAsync(client, "verifikator.sikka", AppFixture.Password);
        var body = await refused.Content.ReadAsStringAsync();
        using var fromElsewhere = await AppFixture.SignInAsync(neighbour, "verifikator.sikka", AppFixture.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Terlalu banyak percobaan masuk dari alamat Anda. Coba lagi dalam", body, StringComparison.Ordinal);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(HttpStatusCode.Redirect, fromElsewhere.StatusCode);
    }

    [Fact]
    public async Task An_unknown_name_and_a_known_one_get_identical_answers_up_to_and_including_the_lock()
    {
        using var client = app.Client(IPAddress.Parse("127.0.0.4"));
        var answers = new List<string>();

        for (var attempt = 1; attempt <= Limits.FailuresBeforeLock + 1; attempt++)
        {
            var known = await AnswerAsync(client, "verifikator.ende", "salah");
            var unknown = await AnswerAsync(client, "verifikator.tidakada", "salah");
            Assert.Equal(known, unknown);
            answers.Add(known);
        }

        // Locked now: even the right password gets the same answer as the unknown name.
        var rightPassword = await AnswerAsync(client, "verifikator.ende", AppFixture.Password);
        var unknownAgain = await AnswerAsync(client, "verifikator.tidakada", AppFixture.Password);

        Assert.All(answers[..(Limits.FailuresBeforeLock - 1)], a => Assert.Contains(Pages.MasukModel.Refused, a, StringComparison.Ordinal));
        Assert.All(answers[(Limits.FailuresBeforeLock - 1)..], a => Assert.Contains(Pages.MasukModel.Locked, a, StringComparison.Ordinal));
        Assert.Equal(unknownAgain, rightPassword);
        Assert.Contains(Pages.MasukModel.Locked, rightPassword, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stranger_locks_a_name_only_for_their_own_address_and_the_colleague_still_signs_in()
    {
        using var stranger = app.Client(IPAddress.Parse("127.0.0.5"));
        using var colleague = app.Client(IPAddress.Parse("127.0.0.6"));

        for (var attempt = 1; attempt <= Limits.FailuresBeforeLock; attempt++)
        {
            using var failed = await AppFixture.SignInAsync(stranger, "operator.sikka", "tebakan" + attempt);
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var strangerWithThePassword = await AnswerAsync(stranger, "operator.sikka", AppFixture.Password);
        using var signedIn = await AppFixture.SignInAsync(colleague, "operator.sikka", AppFixture.Password);

        Assert.Contains(Pages.MasukModel.Locked, strangerWithThePassword, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }

    /// <summary>Status and page of one attempt, with what legitimately differs (the echoed name, the token) blanked.</summary>
    private static async Task<string> AnswerAsync(HttpClient client, string userName, string password)
    {
        using var response = await AppFixture.SignInAsync(client, userName, password);
        var body = await response.Content.ReadAsStringAsync();
        body = Token().Replace(body, "TOKEN").Replace($"value=\"{userName}\"", "value=\"NAME\"", StringComparison.Ordinal);
        return $"{(int)response.StatusCode}\n{body}";
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"")]
    private static partial Regex Token();
}
