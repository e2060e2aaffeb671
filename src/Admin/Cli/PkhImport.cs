using Microsoft.EntityFrameworkCore;
using Sejahtera.Engine.Files;
using Sejahtera.Engine.Identity;
using Sejahtera.Engine.Persistence;
using Sejahtera.Engine.Pkh;
using Sejahtera.Engine.Pkh.Import;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Admin.Cli;

/// <summary>
/// `pkh import FILE [--replace] [--as USER] [--rejects FILE]`: a PKH beneficiary file, the good lines
/// in one transaction. Like `panti import`, the CLI is run by whoever operates the server and acts
/// as <c>cli</c> with the administrator's rights on all of NTT; with <c>--as</c> it acts as that user
/// instead, with the user's roles and region (a coordinator: rows of other kabupaten/kota are
/// rejected), and a user without the right is refused (exit 2).
/// </summary>
internal static class PkhImport
{
    public const string Actor = "cli";

    public static readonly string[] RejectColumns = ["baris", "id_kpm", "alasan", "isi_baris"];

    public static async Task<int> RunAsync(CliArgs cli, DatabaseSettings settings, CancellationToken ct)
    {
        var path = cli.Word(2) ?? throw new CliUsageException("Sebutkan berkas yang diimpor: pkh import BERKAS.csv [--replace] [--as PENGGUNA]");
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new FileRefusedException($"Berkas {path} tidak ditemukan.");
        }

        await new DatabaseInitializer(settings).InitializeAsync(ct);
        await using var db = settings.CreateContext();
        var (actor, scope, roles) = cli.Option("as") is { } userName
            ? await ActAsAsync(db, userName, ct)
            : (Actor, RegionScope.Parse("*"), (IReadOnlyCollection<string>)[WorkflowRoles.Admin]);
        var replace = cli.Flag("replace");
        var rejectsPath = Path.GetFullPath(cli.Option("rejects") ?? Path.ChangeExtension(file.FullName, ".rejects.csv"));

        KpmImportResult result;
        try
        {
            await using var stream = file.OpenRead();
            result = await new ImportKpm(TimeProvider.System).HandleAsync(db, stream, replace, scope, roles, ct);
        }
        catch (KpmReplaceRefusedException e)
        {
            await WriteRejectsAsync(rejectsPath, e.Rejected, ct);
            throw;
        }

        await WriteRejectsAsync(rejectsPath, result.Rejected, ct);
        CliApp.Emit(new
        {
            verb = "pkh import",
            file = file.Name,
            actor,
            replace,
            read = result.Read,
            added = result.Added,
            updated = result.Updated,
            unchanged = result.Unchanged,
            removed = result.Removed,
            not_in_dtks = result.NotInDtks,
            graduated = result.Graduated,
            rejected = result.Rejected.Count,
            rejects_file = rejectsPath,
        });
        return 0;
    }

    private static async Task WriteRejectsAsync(string path, IReadOnlyList<RejectedKpmLine> rejected, CancellationToken ct)
    {
        await using var rejects = OfficeCsv.ToFile(path, RejectColumns);
        foreach (var r in rejected)
        {
            rejects.Number(r.Line).Text(r.KpmCode).Text(r.Reason).Text(r.RawLine);
            await rejects.EndRecordAsync(ct);
            await Console.Error.WriteLineAsync($"Baris {r.Line}: {r.Reason}");
        }
    }

    /// <summary>The named user's name, region and roles, if the user exists and may import KPM.</summary>
    private static async Task<(string Actor, RegionScope Scope, IReadOnlyCollection<string> Roles)> ActAsAsync(SejahteraDbContext db, string userName, CancellationToken ct)
    {
        var normalized = userName.Trim().ToUpperInvariant();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedUserName == normalized, ct)
            ?? throw new KpmRefusedException($"Pengguna {userName} tidak dikenal; tidak ada yang diimpor.");
        var roles = await db.UserRoles.AsNoTracking().Where(ur => ur.UserId == user.Id)
            .Join(db.Roles.AsNoTracking(), ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(ct);
        if (!Access.Allows(roles, Permission.ImportKpm))
        {
            throw new KpmRefusedException(Access.Refusal(Permission.ImportKpm));
        }

        return (user.UserName!, RegionScope.Parse(user.RegionScope), roles);
    }
}
