using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Indicators;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Jobs;

/// <summary>Hangfire on the application's database, its server in this process, and its dashboard for admins.</summary>
internal static class JobsHost
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        // The storage is this host's own service, not Hangfire's process-wide JobStorage.Current, so
        // two hosts in one process (the tests) never enqueue into each other's database.
        services.AddSingleton<JobStorage>(_ => Storage(settings));
        services.AddHangfire(c => c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings());
        services.AddHangfireServer((provider, o) =>
        {
            // Hangfire's default activator is process-wide too: with two hosts in one process, jobs
            // stored by one were built from the other's services and ran against its database.
            o.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>());
            o.WorkerCount = 2;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        services.AddHostedService<ScreeningWatchdog>();
        return services;
    }

    internal static JobStorage Storage(DatabaseSettings settings) => settings.Provider switch
    {
        // A sibling file, not the application's own: Hangfire's polling must not wait on a
        // screening that holds SQLite's single write lock for a minute.
        DatabaseProvider.Sqlite => new SQLiteStorage(SiblingFile(settings.ConnectionString, "hangfire.db"),
            new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) }),
        DatabaseProvider.Postgres => new PostgreSqlStorage(
            new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(settings.ConnectionString, PostgresOptions), PostgresOptions),
        _ => new SqlServerStorage(settings.ConnectionString, new SqlServerStorageOptions { SchemaName = "hangfire" }),
    };

    private static readonly PostgreSqlStorageOptions PostgresOptions = new() { SchemaName = "hangfire", QueuePollInterval = TimeSpan.FromSeconds(1) };

    public static void MapJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdminsOnly()], AppPath = "/" });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<EscalateOverdueTasks>(
            EscalateOverdueTasks.JobId, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
        // The first day of each month at 01:00 WITA, whatever the server's own time zone.
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<ComputeIndicators>(
            ComputeIndicators.JobId, j => j.RunAsync(CancellationToken.None), ComputeIndicators.Cron, new RecurringJobOptions { TimeZone = ComputeIndicators.Wita });
    }

    private static string SiblingFile(string connectionString, string name)
    {
        var database = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        return Path.Combine(Path.GetDirectoryName(database)!, name);
    }

    private sealed class AdminsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.May(Permission.AdministerWorkflows);
    }
}
