using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Tests.Support;

namespace Sejahtera.Engine.Tests.Audit;

public sealed class AuditChainHeadTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };

    private static readonly DateTimeOffset At = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Deleting_the_last_audit_entry_is_detected_and_the_entry_named(DatabaseProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        await using var ctx = db.Context();
        var last = await AppendAsync(ctx, 4);
        var before = await AuditLog.VerifyAsync(ctx, default);

        await ctx.AuditEntries.Where(e => e.Id == last).ExecuteDeleteAsync();
        var after = await AuditLog.VerifyAsync(ctx, default);

        Assert.Equal((true, 4L), (before.Intact, before.Entries));
        Assert.False(after.Intact);
        Assert.Equal(last, after.FirstBrokenId);
        Assert.Contains($"entri terakhir {last} hilang", after.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_appended_after_the_last_was_deleted_does_not_hide_the_gap()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var last = await AppendAsync(ctx, 3);
        await ctx.AuditEntries.Where(e => e.Id == last).ExecuteDeleteAsync();

        await AuditLog.AppendAsync(ctx, At, "admin", "test", "sesudah penghapusan", "{}", default);
        var newest = await ctx.AuditEntries.MaxAsync(e => e.Id);
        var result = await AuditLog.VerifyAsync(ctx, default);

        Assert.False(result.Intact);
        Assert.Equal(newest, result.FirstBrokenId);
    }

    [Fact]
    public async Task Deleting_the_head_row_itself_is_detected()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        await AppendAsync(ctx, 2);

        await ctx.AuditHeads.ExecuteDeleteAsync();
        var result = await AuditLog.VerifyAsync(ctx, default);

        Assert.False(result.Intact);
        Assert.Contains("kepala log audit", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_log_is_intact_and_appends_inside_a_rolled_back_transaction_leave_no_trace_in_the_head()
    {
        await using var db = await TestDatabase.SqliteAsync();
        await using var ctx = db.Context();
        var empty = await AuditLog.VerifyAsync(ctx, default);

        await using (var tx = await ctx.Database.BeginTransactionAsync())
        {
            await AuditLog.AppendAsync(ctx, At, "admin", "test", "dibatalkan", "{}", default);
            await tx.RollbackAsync();
        }

        await using var fresh = db.Context();
        var afterRollback = await AuditLog.VerifyAsync(fresh, default);

        Assert.Equal((true, 0L), (empty.Intact, empty.Entries));
        Assert.Equal((true, 0L), (afterRollback.Intact, afterRollback.Entries));
    }

    private static async Task<long> AppendAsync(SejahteraDbContext ctx, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await AuditLog.AppendAsync(ctx, At.AddMinutes(i), "admin", "test", $"entri {i}", "{}", default);
        }

        return await ctx.AuditEntries.MaxAsync(e => e.Id);
    }
}
