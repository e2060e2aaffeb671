namespace Sejahtera.Engine.Registry;

/// <summary>The columns of the DTKS exchange file (docs/dtks-format.md), in the order the generator writes them.</summary>
internal static class DtksColumns
{
    public const string IdDtks = "id_dtks";
    public const string KodeWilayah = "kode_wilayah";
    public const string NoKk = "no_kk";
    public const string Nik = "nik";
    public const string Nama = "nama";
    public const string JenisKelamin = "jenis_kelamin";
    public const string TanggalLahir = "tanggal_lahir";
    public const string HubunganKrt = "hubungan_krt";
    public const string StatusKawin = "status_kawin";
    public const string Desil = "desil";
    public const string Disabilitas = "disabilitas";
    public const string Sekolah = "sekolah";
    public const string Hamil = "hamil";
    public const string Pekerjaan = "pekerjaan";
    public const string Pkh = "pkh";
    public const string Bpnt = "bpnt";
    public const string Pbi = "pbi";
    public const string Periode = "periode";

    public static readonly string[] All =
    [
        IdDtks, KodeWilayah, NoKk, Nik, Nama, JenisKelamin, TanggalLahir, HubunganKrt, StatusKawin,
        Desil, Disabilitas, Sekolah, Hamil, Pekerjaan, Pkh, Bpnt, Pbi, Periode,
    ];
}
