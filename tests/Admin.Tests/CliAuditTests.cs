using Microsoft.EntityFrameworkCore;
using Sejahtera.Admin.Tests.Support;
using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Tests;

public sealed class CliAuditTests() : CliFolder("audit.db")
{
    [Fact]
    public async Task Audit_verify_names_a_deleted_last_entry_and_exits_with_1()
    {
        Assert.Equal(0, (await Cli.RunAsync("db", "migrate")).ExitCode);
        long last;
        await using (var db = Settings.CreateContext())
        {
            for (var i = 0; i < 3; i++)
            {
                await AuditLog.AppendAsync(db, new DateTimeOffset(2026, 3, 2, 8, i, 0, TimeSpan.Zero), "admin", "test", $"entri {i}", "{}", default);
            }

            last = await db.AuditEntries.MaxAsync(e => e.Id);
        }

        var intact = await Cli.RunAsync("audit", "verify");
        await using (var db = Settings.CreateContext())
        {
            await db.AuditEntries.Where(e => e.Id == last).ExecuteDeleteAsync();
        }

        var broken = await Cli.RunAsync("audit", "verify");

        Assert.Equal(0, intact.ExitCode);
        Assert.True(intact.Json.GetProperty("intact").GetBoolean());
        Assert.Equal(3, intact.Json.GetProperty("entries").GetInt64());
        Assert.Equal(1, broken.ExitCode);
        Assert.False(broken.Json.GetProperty("intact").GetBoolean());
        Assert.Equal(last, broken.Json.GetProperty("first_broken_id").GetInt64());
        Assert.Contains($"entri terakhir {last} hilang", broken.Json.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Contains($"entri terakhir {last} hilang", broken.Stderr, StringComparison.Ordinal);
    }
}
