using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Panti;

/// <summary>What the panti tests share: a fixed clock, the scopes of a province user and of a home's staff, and a view of the whole register.</summary>
internal static class PantiTestData
{
    public const string Naibonat = "riang-naibonat";
    public const string BudiAgung = "budi-agung";

    public static readonly RegionScope Province = RegionScope.Parse("*");
    public static readonly RegionScope NaibonatStaff = RegionScope.Parse("53.01").ForHome(Naibonat);

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 6, 30, 9, 0, 0, TimeSpan.Zero));

    /// <summary>Every resident and stage entry as text, to show that an import changed nothing at all.</summary>
    public static async Task<string> RegisterAsync(TestDatabase db)
    {
        await using var ctx = db.Context();
        var residents = await ctx.Residents.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var stages = await ctx.ResidentStages.AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        return string.Join('\n', residents.Select(r =>
                $"{r.Id}|{r.HomeCode}|{r.Nik}|{r.Name}|{r.Sex}|{r.BirthDate}|{r.Category}|{r.AdmittedOn}|{r.OriginAddress}|{r.GuardianName}|{r.GuardianRelation}|"
                + $"{r.Stage}|{r.StageSince}|{r.PlanCompleted}|{r.EvaluationDone}|{r.InDtks}|{r.UpdatedAt:O}|{r.UpdatedBy}|{r.RowVersion}")
            .Concat(stages.Select(s => $"{s.Id}|{s.ResidentId}|{s.Stage}|{s.On}|{s.RecordedBy}|{s.RecordedAt:O}")));
    }

    /// <summary>A context of the test database whose commands pass through <paramref name="interceptor"/>.</summary>
    public static SejahteraDbContext ContextWith(TestDatabase db, IInterceptor interceptor)
    {
        switch (db.Settings.Provider)
        {
            case DatabaseProvider.Sqlite:
            {
                var builder = new DbContextOptionsBuilder<SqliteSejahteraDbContext>();
                db.Settings.Configure(builder);
                return new SqliteSejahteraDbContext(builder.AddInterceptors(interceptor).Options);
            }

            case DatabaseProvider.Postgres:
            {
                var builder = new DbContextOptionsBuilder<PostgresSejahteraDbContext>();
                db.Settings.Configure(builder);
                return new PostgresSejahteraDbContext(builder.AddInterceptors(interceptor).Options);
            }

            default:
                throw new NotSupportedException();
        }
    }

    /// <summary>Fails the first statement that writes a stage history entry, as a lost connection would.</summary>
    public sealed class FailingHistoryWrite : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Fail(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Fail(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        private static void Fail(DbCommand command)
        {
            // SQLite quotes the table name, PostgreSQL writes it bare.
            if (command.CommandText.Contains("INSERT INTO", StringComparison.Ordinal) && command.CommandText.Contains("panti_resident_stages", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("simulated failure while writing the stage history");
            }
        }
    }
}
