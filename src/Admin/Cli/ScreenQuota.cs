using System.Globalization;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Screening.Quotas;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// `screen quota set --program P --kabupaten 53.07 --quota N [--as PENGGUNA]`: enters a kabupaten's
/// quota, as <c>cli</c> with the administrator's right, or as the user named with <c>--as</c> (who must hold it).
/// </summary>
internal static class ScreenQuota
{
    private static readonly string[] CliRoles = [WorkflowRoles.Admin];

    public static async Task<int> SetAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var text = cli.Required("quota");
        int? quota = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var q) ? q
            : throw new CliUsageException($"--quota '{text}' bukan bilangan bulat.");
        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var (actor, roles) = cli.Option("as") is { } userName ? await CliUsers.RolesAsync(db, userName, ct) : ("cli", CliRoles);
        var row = await new SetScreeningQuota(TimeProvider.System).HandleAsync(db, new QuotaEntry(cli.Option("program"), cli.Option("kabupaten"), quota), actor, roles, ct);
        CliApp.Emit(new { verb = "screen quota set", program = row.Program, kabupaten = row.KabupatenCode, quota = row.Quota, updated_by = row.UpdatedBy });
        return 0;
    }
}
