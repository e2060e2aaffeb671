namespace Sejahtera.Engine.Panti.Import;

/// <summary>The columns of a home's resident list (README, "Daftar penghuni panti"), in the order of the documented header.</summary>
internal static class ResidentColumns
{
    public const string KodePanti = "kode_panti";
    public const string Nik = "nik";
    public const string Nama = "nama";
    public const string JenisKelamin = "jenis_kelamin";
    public const string TanggalLahir = "tanggal_lahir";
    public const string Kategori = "kategori";
    public const string TanggalMasuk = "tanggal_masuk";
    public const string AlamatAsal = "alamat_asal";
    public const string NamaWali = "nama_wali";
    public const string HubunganWali = "hubungan_wali";
    public const string Tahap = "tahap";
    public const string TanggalTahap = "tanggal_tahap";
    public const string RencanaSelesai = "rencana_selesai";
    public const string EvaluasiSelesai = "evaluasi_selesai";

    /// <summary>Optional: needed only for a resident in bimbingan lanjut whose termination is not yet recorded.</summary>
    public const string TanggalTerminasi = "tanggal_terminasi";

    public static readonly string[] Required =
    [
        KodePanti, Nik, Nama, JenisKelamin, TanggalLahir, Kategori, TanggalMasuk, AlamatAsal, NamaWali, HubunganWali,
        Tahap, TanggalTahap, RencanaSelesai, EvaluasiSelesai,
    ];

    public static readonly string[] All = [.. Required, TanggalTerminasi];
}
