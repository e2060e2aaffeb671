namespace Sejahtera.Engine.Pkh.Import;

/// <summary>The columns of the PKH beneficiary file (README, "Berkas KPM PKH"), in the order of the documented header.</summary>
internal static class KpmColumns
{
    public const string Periode = "periode";
    public const string IdKpm = "id_kpm";
    public const string NoKk = "no_kk";
    public const string NikPengurus = "nik_pengurus";
    public const string NamaPengurus = "nama_pengurus";
    public const string KodeDesa = "kode_desa";
    public const string TahunMasuk = "tahun_masuk";
    public const string IbuHamil = "ibu_hamil";
    public const string AnakUsiaDini = "anak_usia_dini";
    public const string AnakSd = "anak_sd";
    public const string AnakSmp = "anak_smp";
    public const string AnakSma = "anak_sma";
    public const string Lansia = "lansia";
    public const string DisabilitasBerat = "disabilitas_berat";
    public const string PeringatanKomitmen = "peringatan_komitmen";
    public const string KehadiranP2k2 = "kehadiran_p2k2";
    public const string KehadiranSekolah = "kehadiran_sekolah";
    public const string Pendamping = "pendamping";

    public static readonly string[] All =
    [
        Periode, IdKpm, NoKk, NikPengurus, NamaPengurus, KodeDesa, TahunMasuk, IbuHamil, AnakUsiaDini, AnakSd, AnakSmp, AnakSma, Lansia,
        DisabilitasBerat, PeringatanKomitmen, KehadiranP2k2, KehadiranSekolah, Pendamping,
    ];

    /// <summary>The count columns, with the label a rejected line names.</summary>
    public static readonly (string Column, string Label)[] Counts =
    [
        (IbuHamil, "ibu_hamil"), (AnakUsiaDini, "anak_usia_dini"), (AnakSd, "anak_sd"), (AnakSmp, "anak_smp"), (AnakSma, "anak_sma"),
        (Lansia, "lansia"), (DisabilitasBerat, "disabilitas_berat"), (PeringatanKomitmen, "peringatan_komitmen"),
    ];
}
