using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Panti;
using Sejahtera.Engine.Panti.Import;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// `panti import FILE [--as USER] [--rejects FILE]`: a resident list, the good lines in one
/// transaction. Like `dtks import`, the CLI is run by whoever operates the server and acts as
/// <c>cli</c> on every home; with <c>--as</c> it acts as that user instead, with the user's roles and
/// home (UPT staff: rows of other homes are rejected), and a user without the right is refused (exit 2).
/// </summary>
internal static class PantiImport
{
    public const string Actor = "cli";

    public static readonly string[] RejectColumns = ["baris", "nik", "alasan", "isi_baris"];

    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var path = cli.Word(2) ?? throw new CliUsageException("Sebutkan berkas yang diimpor: panti import BERKAS.csv [--as PENGGUNA]");
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileRefusedException($"Berkas {path} tidak ditemukan.");
        }

        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var (actor, scope) = cli.Option("as") is { } userName ? await ActAsAsync(db, userName, ct) : (Actor, RegionScope.Parse("*"));

        ResidentImportResult result;
        await using (var stream = file.OpenRead())
        {
            result = await new ImportResidents(TimeProvider.System).HandleAsync(db, stream, scope, actor, ct);
        }

        var rejectsPath = Path.GetFullPath(cli.Option("rejects") ?? Path.ChangeExtension(file.FullName, ".rejects.csv"));
        await using (var rejects = OfficeCsv.ToFile(rejectsPath, RejectColumns))
        {
            foreach (var r in result.Rejected)
            {
                rejects.Number(r.Line).Text(r.Nik).Text(r.Reason).Text(r.RawLine);
                await rejects.EndRecordAsync(ct);
                await Console.Error.WriteLineAsync($"Baris {r.Line}: {r.Reason}");
            }
        }

        CliApp.Emit(new
        {
            verb = "panti import",
            file = file.Name,
            actor,
            read = result.Read,
            added = result.Added,
            updated = result.Updated,
            unchanged = result.Unchanged,
            rejected = result.Rejected.Count,
            rejects_file = rejectsPath,
        });
        return 0;
    }

    /// <summary>The named user's name and scope, if the user exists and may manage residents.</summary>
    private static async Task<(string Actor, RegionScope Scope)> ActAsAsync(SejahteraDbContext db, string userName, CancellationToken ct)
    {
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct)
            ?? throw new ResidentRefusedException($"Pengguna {userName} tidak dikenal; tidak ada yang diimpor.");
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == user.Id)
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(ct);
        if (!Access.Allows(roles, Permission.ManageResidents))
        {
            throw new ResidentRefusedException(Access.Refusal(Permission.ManageResidents));
        }

        return (user.UserName!, RegionScope.Parse(user.RegionScope).ForHome(user.HomeCode));
    }
}
