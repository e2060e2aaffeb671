using Microsoft.AspNetCore.Identity;

namespace Sejahtera.Engine.Identity;

/// <summary>A staff account. <see cref="RegionScope"/> lists kabupaten/kota codes ("53.07,53.08") or "*" for all.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";
    public string RegionScope { get; set; } = "*";

    /// <summary>For UPT staff: the code of the one home (panti) whose residents and cases they see; null for everyone else.</summary>
    public string? HomeCode { get; set; }

    /// <summary>For PKH pendamping: the desa/kelurahan codes they serve ("53.07.01.2001,53.07.01.2002"); null for everyone else.</summary>
    public string? DesaCodes { get; set; }

    /// <summary>For bidang staff and a Kepala Bidang: the bidang whose indicators they enter or verify (see Indicators.Bidang); null for everyone else.</summary>
    public string? BidangCode { get; set; }
}
