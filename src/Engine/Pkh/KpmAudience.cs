using Sejahtera.Engine.Identity;
using Sejahtera.Workflows.Defaults;

namespace Sejahtera.Engine.Pkh;

/// <summary>
/// Which KPM a user may see: those of the desa in the user's kabupaten/kota; a user bound to desa
/// sees only those desa; a user who reads KPM only as a pendamping sees only the desa they serve,
/// and nothing while they are bound to none.
/// </summary>
public sealed record KpmAudience(RegionScope Scope, bool OwnDesaOnly)
{
    public static KpmAudience Of(RegionScope scope, IEnumerable<string> roles) =>
        new(scope, !roles.Any(r => r != WorkflowRoles.Pendamping && Access.RolesFor(Permission.ReadKpm).Contains(r)));

    public bool Allows(string kabupatenCode, string desaCode) =>
        Scope.Allows(kabupatenCode) && (Scope.Desa is { } desa ? desa.Contains(desaCode) : !OwnDesaOnly);

    /// <summary>The KPM rows this audience may see.</summary>
    public IQueryable<Kpm> Filter(IQueryable<Kpm> kpm)
    {
        if (Scope.Desa is { } desa)
        {
            var list = desa.ToList();
            kpm = kpm.Where(k => list.Contains(k.DesaCode));
        }
        else if (OwnDesaOnly)
        {
            return kpm.Where(_ => false);
        }

        if (!Scope.IsAll)
        {
            var codes = Scope.Codes.ToList();
            kpm = kpm.Where(k => codes.Contains(k.KabupatenCode));
        }

        return kpm;
    }
}
