using Sejahtera.Engine.Audit;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Cli;

/// <summary>`audit verify`: walks the hash chain; exit 1 and the first broken entry when something was changed or deleted.</summary>
internal static class AuditVerify
{
    public static async Task<int> RunAsync(DatabaseSettings settings, CancellationToken ct)
    {
        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var result = await AuditLog.VerifyAsync(db, ct);
        if (!result.Intact)
        {
            await Console.Error.WriteLineAsync("Log audit RUSAK: " + result.Problem);
        }

        CliApp.Emit(new { verb = "audit verify", intact = result.Intact, entries = result.Entries, first_broken_id = result.FirstBrokenId, problem = result.Problem });
        return result.Intact ? 0 : 1;
    }
}
