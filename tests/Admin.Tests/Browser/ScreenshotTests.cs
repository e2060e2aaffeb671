using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Tests.Browser;

/// <summary>
/// The README's screenshots, taken from the demo by the real browser, each small enough for the README. They are
/// tracked files (docs/screenshots), so the test writes them there only when <c>SEJAHTERA_SCREENSHOTS=1</c> is set;
/// otherwise it takes them into a temporary folder and deletes them.
/// </summary>
public sealed class ScreenshotTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly BrowserNewContextOptions Desktop = new() { ViewportSize = new ViewportSize { Width = 1200, Height = 640 }, DeviceScaleFactor = 1 };

    [SkippableFact]
    public async Task The_main_pages_are_photographed_for_the_README()
    {
        var forReadme = Environment.GetEnvironmentVariable("SEJAHTERA_SCREENSHOTS") == "1";
        var folder = forReadme ? Path.Combine(Repo.Root, "docs", "screenshots") : Path.Combine(Path.GetTempPath(), $"sejahtera-screenshots-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            await TakeAsync(folder);
        }
        finally
        {
            if (!forReadme)
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private async Task TakeAsync(string folder)
    {
        await using var browser = await BrowserSession.StartAsync();

        var proposalId = await app.ApprovedAsync("KUBE Tenun Ikat Sikka", "0011228810");
        var fieldVisit = await app.AtFieldVerificationAsync("KUBE Kopi Sikka", "0011228811");
        long runId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
            runId = (await scope.ServiceProvider.GetRequiredService<StartScreening>()
                .HandleAsync(db, new ScreeningRequest("2020-10", "all", new DateOnly(2024, 5, 4), null, "kabid.pfm"))).Id;
            await scope.ServiceProvider.GetRequiredService<RunScreening>().HandleAsync(runId);
        }

        var kadis = await browser.SignInAsync(app.BaseAddress, "kadis", AppFixture.Password, Desktop);
        await ShootAsync(kadis, "/", folder, "beranda");
        await ShootAsync(kadis, "/usulan", folder, "usulan");
        await ShootAsync(kadis, $"/usulan/{proposalId}", folder, "usulan-detail");
        await ShootAsync(kadis, $"/penyaringan/{runId}", folder, "hasil-penyaringan");

        var planner = await browser.SignInAsync(app.BaseAddress, "perencana", AppFixture.Password, Desktop);
        await ShootAsync(planner, "/indikator", folder, "indikator");

        var admin = await browser.SignInAsync(app.BaseAddress, "admin", AppFixture.Password, Desktop);
        await admin.GotoAsync("/aturan");
        await admin.Locator("#rulesets tbody a").First.ClickAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Buat draf baru dari versi ini" }).ClickAsync();
        await admin.WaitForURLAsync(url => url.Contains("/aturan/draf/", StringComparison.Ordinal));
        await ShootAsync(admin, null, folder, "penyunting-aturan");
        await ShootAsync(admin, "/alur", folder, "alur-kerja");
        await admin.Locator("#workflows tbody a").First.ClickAsync();
        await admin.Locator("#diagram svg").WaitForAsync();
        await admin.Locator("#diagram").ScrollIntoViewIfNeededAsync();
        await ShootAsync(admin, null, folder, "diagram-alur-kerja", scroll: false);

        var pendamping = await browser.SignInAsync(app.BaseAddress, "pendamping.sikka", AppFixture.Password, BrowserSession.Phone);
        await ShootAsync(pendamping, "/usulan", folder, "tugas-pendamping-ponsel");
        await pendamping.Locator($"#queue a[href='/usulan/{fieldVisit}']").TapAsync();
        await pendamping.WaitForURLAsync(url => url.EndsWith($"/usulan/{fieldVisit}", StringComparison.Ordinal));
        await ShootAsync(pendamping, null, folder, "kunjungan-lapangan-ponsel");

        Assert.Equal(10, Directory.GetFiles(folder, "*.png").Length);
        foreach (var file in Directory.GetFiles(folder, "*.png"))
        {
            Assert.True(new FileInfo(file).Length < 150_000, $"{Path.GetFileName(file)} is {new FileInfo(file).Length / 1024} KB");
        }
    }

    private static async Task ShootAsync(IPage page, string? path, string folder, string name, bool scroll = true)
    {
        if (path is not null)
        {
            await page.GotoAsync(path);
        }

        if (scroll)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), Animations = ScreenshotAnimations.Disabled });
    }
}
