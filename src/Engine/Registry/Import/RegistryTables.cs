using NpgsqlTypes;
using Sejahtera.Engine.Persistence.Bulk;

namespace Sejahtera.Engine.Registry.Import;

/// <summary>The registry tables as the import's bulk path writes them.</summary>
internal static class RegistryTables
{
    public static readonly BulkTable<Member> Members = new("members",
    [
        new("id", NpgsqlDbType.Bigint, m => m.Id),
        new("household_id", NpgsqlDbType.Bigint, m => m.HouseholdId),
        new("snapshot_id", NpgsqlDbType.Bigint, m => m.SnapshotId),
        new("nik", NpgsqlDbType.Varchar, m => m.Nik),
        new("name", NpgsqlDbType.Varchar, m => m.Name),
        new("sex", NpgsqlDbType.Varchar, m => m.Sex == 'P' ? "P" : "L"),
        new("birth_date", NpgsqlDbType.Date, m => m.BirthDate),
        new("relation", NpgsqlDbType.Integer, m => m.Relation),
        new("marital_status", NpgsqlDbType.Integer, m => m.MaritalStatus),
        new("disability", NpgsqlDbType.Integer, m => m.Disability),
        new("school", NpgsqlDbType.Integer, m => m.School),
        new("pregnant", NpgsqlDbType.Boolean, m => m.Pregnant),
        new("occupation", NpgsqlDbType.Integer, m => m.Occupation),
        new("pkh", NpgsqlDbType.Boolean, m => m.Pkh),
        new("bpnt", NpgsqlDbType.Boolean, m => m.Bpnt),
        new("pbi", NpgsqlDbType.Boolean, m => m.Pbi),
        new("flags", NpgsqlDbType.Integer, m => (int)m.Flags),
        new("line_number", NpgsqlDbType.Bigint, m => m.LineNumber),
    ]);

    public static readonly BulkTable<Household> Households = new("households",
    [
        new("id", NpgsqlDbType.Bigint, h => h.Id),
        new("snapshot_id", NpgsqlDbType.Bigint, h => h.SnapshotId),
        new("id_dtks", NpgsqlDbType.Varchar, h => h.IdDtks),
        new("region_code", NpgsqlDbType.Varchar, h => h.RegionCode),
        new("kabupaten_code", NpgsqlDbType.Varchar, h => h.KabupatenCode),
        new("no_kk", NpgsqlDbType.Varchar, h => h.NoKk),
        new("desil", NpgsqlDbType.Integer, h => h.Desil),
        new("member_count", NpgsqlDbType.Integer, h => h.MemberCount),
        new("first_line", NpgsqlDbType.Bigint, h => h.FirstLine),
    ]);

    public static readonly BulkTable<ImportReject> Rejects = new("import_rejects",
    [
        new("id", NpgsqlDbType.Bigint, r => r.Id),
        new("snapshot_id", NpgsqlDbType.Bigint, r => r.SnapshotId),
        new("line_number", NpgsqlDbType.Bigint, r => r.LineNumber),
        new("id_dtks", NpgsqlDbType.Varchar, r => r.IdDtks),
        new("reason", NpgsqlDbType.Varchar, r => r.Reason),
        new("raw_line", NpgsqlDbType.Varchar, r => r.RawLine),
    ]);
}
