using Sejahtera.Admin.Jobs;
using Sejahtera.Engine;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// `worker`: this executable as a worker host only: the background job server (Hangfire) on the
/// shared database, with no web pages. Any number of workers (and web hosts) on one PostgreSQL
/// database share the queued jobs, the parts of a split screening among them. The database is
/// migrated by the web host or `db migrate`, not here: workers starting together would migrate at once.
/// Runs until stopped (Ctrl+C or SIGTERM).
/// </summary>
internal static class Worker
{
    public static async Task<int> RunAsync(CancellationToken ct)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddEngine(builder.Configuration);
        builder.Services.AddJobs(builder.Configuration);
        using var host = builder.Build();
        var settings = host.Services.GetRequiredService<DatabaseSettings>();
        var split = host.Services.GetRequiredService<ScreeningSplit>();
        await Console.Error.WriteLineAsync(
            $"Pekerja {ScreeningParts.ThisHost} berjalan pada basis data {settings.Provider} "
            + $"(penyaringan seluruh NTT {(split.ByKabupaten ? "dibagi per kabupaten/kota" : "tidak dibagi")}); hentikan dengan Ctrl+C.");
        await host.RunAsync(ct);
        await Console.Error.WriteLineAsync("Pekerja berhenti.");
        return 0;
    }
}
