using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Tests;

/// <summary>Every downloadable list read back and compared with the rows its page (or API) shows.</summary>
public sealed class ExportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The list's total as the page states it ("Menampilkan 1–50 dari 1.234").</summary>
    private static int Total(string page) =>
        int.Parse(Regex.Match(page, @"dari ([\d.]+)").Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_registry_of_a_kabupaten_downloads_as_xlsx_and_csv_with_the_rows_of_its_pages_in_their_order()
    {
        using var verifier = await app.SignedInAsync("verifikator.sikka");
        var first = await verifier.GetStringAsync("/registri/kabupaten/53.07");
        var second = await verifier.GetStringAsync("/registri/kabupaten/53.07?halaman=2");
        var total = Total(first);
        var pageRows = Html.TableRows(first, "households").Concat(Html.TableRows(second, "households")).ToList();

        var xlsx = await SheetAsync(verifier, "/api/registry/kabupaten/53.07/export?format=xlsx", "registri-53.07.xlsx");
        var csv = await CsvAsync(verifier, "/api/registry/kabupaten/53.07/export?format=csv", "registri-53.07.csv");

        Assert.Contains("/api/registry/kabupaten/53.07/export?format=xlsx", first, StringComparison.Ordinal);
        Assert.True(total > 100, $"{total} households");
        Assert.Equal(100, pageRows.Count);
        Assert.Equal(total + 1, xlsx.Count);
        Assert.Equal(["ID DTKS", "Kode desa/kelurahan", "Desa/Kelurahan", "Kepala rumah tangga", "Desil", "Anggota", "Tanda"], xlsx[0]);
        for (var i = 0; i < pageRows.Count; i++)
        {
            var page = pageRows[i];
            var row = Pad(xlsx[i + 1], 7);
            Assert.Equal([page[0], page[1], page[2], page[3], page[4], page[5]], [row[0], $"{row[2]} {row[1]}", row[3], row[4], row[5], row[6]]);
        }

        Assert.Equal(xlsx.Select(r => Pad(r, 7)), csv.Select(r => Pad(r, 7)));
    }

    [Fact]
    public async Task The_registry_download_keeps_to_the_users_scope_and_is_refused_to_the_viewer()
    {
        using var verifier = await app.SignedInAsync("verifikator.sikka");
        using var viewer = await app.SignedInAsync("pengamat");

        using var outside = await verifier.GetAsync("/api/registry/kabupaten/53.08/export");
        using var badFormat = await verifier.GetAsync("/api/registry/kabupaten/53.07/export?format=pdf");
        using var refused = await viewer.GetAsync("/api/registry/kabupaten/53.07/export");
        var page = await viewer.GetStringAsync("/registri/kabupaten/53.07");

        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Contains("gunakan format=xlsx atau format=csv", await badFormat.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Peran Anda tidak boleh mengunduh daftar", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("/export", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screening_results_download_with_the_households_and_reasons_of_the_page_and_a_chart_per_kabupaten()
    {
        var runId = await app.ScreenAsync("53.07");
        using var kabid = await app.SignedInAsync("kabid.pfm");
        using var ende = await app.SignedInAsync("verifikator.ende");
        var overview = await kabid.GetStringAsync($"/penyaringan/{runId}");
        var (program, outcome) = await LargestRejectionAsync(runId);

        var page = await kabid.GetStringAsync($"/penyaringan/{runId}?program={program}&hasil={Uri.EscapeDataString(outcome)}");
        var api = JsonDocument.Parse(await kabid.GetStringAsync($"/api/screenings/{runId}/results?program={program}&outcome={Uri.EscapeDataString(outcome)}")).RootElement;
        var xlsx = await SheetAsync(kabid, $"/api/screenings/{runId}/results/export?program={program}&outcome={Uri.EscapeDataString(outcome)}&format=xlsx", null);
        var csv = await CsvAsync(kabid, $"/api/screenings/{runId}/results/export?program={program}&outcome={Uri.EscapeDataString(outcome)}&format=csv", null);
        var elsewhere = await CsvAsync(ende, $"/api/screenings/{runId}/results/export?format=csv", null);

        // The chart: drawn on the server as SVG, one bar per kabupaten/kota, small.
        var svg = Regex.Match(overview, "<svg.*?</svg>", RegexOptions.Singleline).Value;
        Assert.Contains("Kabupaten Sikka", svg, StringComparison.Ordinal);
        Assert.True(svg.Length < 20_000, $"{svg.Length} bytes of SVG");
        // No script draws it: the page's only script is htmx (search as you type in the households list), no inline script, no chart library.
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
        var scripts = Regex.Matches(overview, "<script[^>]*\\bsrc=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.All(scripts, src => Assert.StartsWith("/lib/htmx/", src, StringComparison.Ordinal));
        Assert.Equal(scripts.Count, Regex.Matches(overview, "<script", RegexOptions.IgnoreCase).Count);
        Assert.Contains("selesai", Html.Text(Regex.Match(overview, "<dd id=\"status\">(.*?)</dd>", RegexOptions.Singleline).Groups[1].Value), StringComparison.Ordinal);

        var total = api.GetProperty("total").GetInt32();
        var rows = Html.TableRows(page, "results");
        Assert.True(total > 0);
        Assert.Equal(Math.Min(total, 50), rows.Count);
        Assert.Equal(total + 1, xlsx.Count);
        Assert.Equal(total + 1, csv.Count);
        Assert.Equal("Alasan", xlsx[0][9]);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = Pad(xlsx[i + 1], 10);
            Assert.Equal((rows[i][0], rows[i][2], rows[i][3], rows[i][5]), (row[0], row[4], row[6], row[9]));
            Assert.Equal(api.GetProperty("results")[i].GetProperty("reasons").GetString(), row[9]);
        }

        Assert.Equal(xlsx.Select(r => Pad(r, 10)), csv.Select(r => Pad(r, 10)));
        Assert.Single(elsewhere);
    }

    [Fact]
    public async Task The_proposals_download_holds_the_proposals_of_the_page_in_its_order()
    {
        await app.ApprovedAsync("KUBE Ekspor Usulan", "0011229901");
        using var operatorSikka = await app.SignedInAsync("operator.sikka");
        var page = await operatorSikka.GetStringAsync("/usulan");
        var pageRows = Html.TableRows(page, "proposals");

        var xlsx = await SheetAsync(operatorSikka, "/api/proposals/export?format=xlsx", "usulan.xlsx");
        var csv = await CsvAsync(operatorSikka, "/api/proposals/export?format=csv", "usulan.csv");

        // The page shows the first page of the list; the download holds every row of it, in the same order.
        Assert.NotEmpty(pageRows);
        Assert.Equal(Total(page) + 1, xlsx.Count);
        Assert.Equal(pageRows.Select(r => (r[0], r[1], r[2], r[3], r[4])), xlsx.Skip(1).Take(pageRows.Count).Select(r => Pad(r, 11)).Select(r => ("#" + r[0], r[2], r[3], r[5], r[6])));
        Assert.Equal(xlsx.Count, csv.Count);
        Assert.Contains(xlsx, r => r.Count > 8 && r[2] == "KUBE Ekspor Usulan" && r[8] == "10000000");
    }

    [Fact]
    public async Task A_batch_downloads_with_the_payments_of_its_page_and_prints_as_a_decree_listing_its_beneficiaries()
    {
        var first = await app.ApprovedAsync("KUBE Ekspor Satu", "0011229911");
        var second = await app.ApprovedAsync("KUBE Ekspor Dua", "0011229912");
        using var treasurer = await app.SignedInAsync("bendahara");
        using var operatorSikka = await app.SignedInAsync("operator.sikka");
        using var created = await treasurer.PostAsJsonAsync("/api/payment-batches", new { proposal_ids = new[] { first, second } });
        var batchId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("batch_id").GetInt64();

        var page = await treasurer.GetStringAsync($"/pencairan/{batchId}");
        var pageRows = Html.TableRows(page, "payments");
        var xlsx = await SheetAsync(treasurer, $"/api/payment-batches/{batchId}/export?format=xlsx", $"batch-pembayaran-{batchId}.xlsx");
        var csv = await CsvAsync(treasurer, $"/api/payment-batches/{batchId}/export?format=csv", $"batch-pembayaran-{batchId}.csv");
        var decree = await treasurer.GetStringAsync($"/pencairan/{batchId}/sk");
        using var refused = await operatorSikka.GetAsync($"/api/payment-batches/{batchId}/export");

        Assert.Equal(2, pageRows.Count);
        Assert.Equal(3, xlsx.Count);
        Assert.Equal(
            pageRows.Select(r => (r[0], r[1], r[2], r[3], r[4], r[6])),
            xlsx.Skip(1).Select(r => Pad(r, 9)).Select(r => (r[0], "#" + r[1], r[3], r[4], r[5], r[7])));
        Assert.Equal(["10000000", "10000000"], xlsx.Skip(1).Select(r => r[6]));
        Assert.Equal(xlsx.Select(r => Pad(r, 9)), csv.Select(r => Pad(r, 9)));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        Assert.Contains("PEMERINTAH PROVINSI NUSA TENGGARA TIMUR", decree, StringComparison.Ordinal);
        Assert.Contains("KEPUTUSAN KEPALA DINAS SOSIAL", decree, StringComparison.Ordinal);
        var lines = Html.TableRows(decree, "decree");
        Assert.Equal(["KUBE Ekspor Dua", "KUBE Ekspor Satu"], lines.Select(l => l[3]).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal(("Maria Goreti", "6", "Rp 10.000.000"), (l[4], l[5], l[8])));
        Assert.Contains("Rp 20.000.000", Html.Text(Regex.Match(decree, "<strong id=\"total\">(.*?)</strong>").Groups[1].Value), StringComparison.Ordinal);
        Assert.Contains($"/pencairan/{batchId}/sk", page, StringComparison.Ordinal);
    }

    private async Task<(string Program, string Outcome)> LargestRejectionAsync(long runId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SejahteraDbContext>();
        var largest = await db.ScreeningResults.Where(r => r.RunId == runId && r.Outcome != "layak")
            .GroupBy(r => new { r.Program, r.Outcome }).OrderByDescending(g => g.Count()).Select(g => new { g.Key.Program, g.Key.Outcome }).FirstAsync();
        return (largest.Program, largest.Outcome);
    }

    private static async Task<IReadOnlyList<IReadOnlyList<string>>> SheetAsync(HttpClient client, string path, string? fileName)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(XlsxType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        if (fileName is not null)
        {
            Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        }

        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return XlsxReadBack.Sheets(body).Values.Single();
    }

    private static async Task<IReadOnlyList<IReadOnlyList<string>>> CsvAsync(HttpClient client, string path, string? fileName)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        if (fileName is not null)
        {
            Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        }

        return Html.Csv(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A row with empty cells up to <paramref name="width"/> (a workbook leaves empty cells out).</summary>
    private static IReadOnlyList<string> Pad(IReadOnlyList<string> row, int width) => row.Concat(Enumerable.Repeat("", Math.Max(0, width - row.Count))).ToList();
}
