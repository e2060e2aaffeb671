using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Proposals;

namespace Sejahtera.Admin.Jobs;

/// <summary>Hangfire on the application's database, its server in this process, and its dashboard for admins.</summary>
internal static class JobsHost
{
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = DatabaseSettings.From(configuration);
        services.AddHangfire(c =>
        {
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            _ = settings.Provider switch
            {
                // A sibling file, not the application's own: Hangfire's polling must not wait on a
                // screening that holds SQLite's single write lock for a minute.
                DatabaseProvider.Sqlite => (object)c.UseSQLiteStorage(SiblingFile(settings.ConnectionString, "hangfire.db"),
                    new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) }),
                DatabaseProvider.Postgres => c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(settings.ConnectionString),
                    new PostgreSqlStorageOptions { SchemaName = "hangfire", QueuePollInterval = TimeSpan.FromSeconds(1) }),
                _ => c.UseSqlServerStorage(settings.ConnectionString, new SqlServerStorageOptions { SchemaName = "hangfire" }),
            };
        });
        services.AddHangfireServer(o =>
        {
            o.WorkerCount = 2;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        return services;
    }

    public static void MapJobs(this WebApplication app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [new AdminsOnly()], AppPath = "/" });
        app.Services.GetRequiredService<IRecurringJobManager>().AddOrUpdate<EscalateOverdueTasks>(
            EscalateOverdueTasks.JobId, j => j.RunAsync(CancellationToken.None), Cron.Hourly());
    }

    private static string SiblingFile(string connectionString, string name)
    {
        var database = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        return Path.Combine(Path.GetDirectoryName(database)!, name);
    }

    private sealed class AdminsOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }
}
