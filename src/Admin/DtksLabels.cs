using Sejahtera.Engine;
using Sejahtera.Engine.Registry;

namespace Sejahtera.Admin;

/// <summary>The DTKS codes of docs/dtks-format.md as words on the page.</summary>
public static class DtksLabels
{
    public static string Relation(int code) => code switch
    {
        1 => "Kepala rumah tangga", 2 => "Istri/suami", 3 => "Anak", 4 => "Menantu", 5 => "Cucu",
        6 => "Orang tua/mertua", 7 => "Pembantu", 8 => "Lainnya", _ => code.ToString(Indonesian.Culture),
    };

    public static string MaritalStatus(int code) => code switch
    {
        1 => "Belum kawin", 2 => "Kawin", 3 => "Cerai hidup", 4 => "Cerai mati", _ => code.ToString(Indonesian.Culture),
    };

    public static string Occupation(int code) => code switch
    {
        0 => "Tidak bekerja", 1 => "Petani", 2 => "Nelayan", 3 => "Pedagang", 4 => "Buruh",
        5 => "PNS/TNI/Polri", 6 => "Pensiunan", 7 => "Lainnya", _ => code.ToString(Indonesian.Culture),
    };

    public static string School(int code) => code switch
    {
        0 => "Belum sekolah", 1 => "SD", 2 => "SMP", 3 => "SMA", 4 => "Tidak sekolah lagi", _ => code.ToString(Indonesian.Culture),
    };

    public static string Disability(int code) => code switch
    {
        0 => "-", 1 => "Ringan/sedang", 2 => "Berat", _ => code.ToString(Indonesian.Culture),
    };

    public static string Programs(Member m)
    {
        var programs = new List<string>(3);
        if (m.Pkh)
        {
            programs.Add("PKH");
        }

        if (m.Bpnt)
        {
            programs.Add("BPNT");
        }

        if (m.Pbi)
        {
            programs.Add("PBI");
        }

        return programs.Count == 0 ? "-" : string.Join(", ", programs);
    }

    public static IEnumerable<string> Flags(MemberFlags flags)
    {
        if (flags.HasFlag(MemberFlags.DataGanda))
        {
            yield return "data ganda";
        }

        if (flags.HasFlag(MemberFlags.NikTanggalLahirTidakCocok))
        {
            yield return "NIK ≠ tanggal lahir";
        }

        if (flags.HasFlag(MemberFlags.NikJenisKelaminTidakCocok))
        {
            yield return "NIK ≠ jenis kelamin";
        }
    }
}
