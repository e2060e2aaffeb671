using NpgsqlTypes;
using Sejahtera.Engine.Persistence.Bulk;

namespace Sejahtera.Engine.Screening;

internal static class ScreeningTables
{
    public static readonly BulkTable<ScreeningResult> Results = new("screening_results",
    [
        new("id", NpgsqlDbType.Bigint, r => r.Id),
        new("run_id", NpgsqlDbType.Bigint, r => r.RunId),
        new("household_id", NpgsqlDbType.Bigint, r => r.HouseholdId),
        new("kabupaten_code", NpgsqlDbType.Varchar, r => r.KabupatenCode),
        new("program", NpgsqlDbType.Varchar, r => r.Program),
        new("outcome", NpgsqlDbType.Varchar, r => r.Outcome),
        new("amount", NpgsqlDbType.Numeric, r => r.Amount),
        new("rule_set_hash", NpgsqlDbType.Varchar, r => r.RuleSetHash),
        new("failed", NpgsqlDbType.Varchar, r => r.Failed),
        new("explanation", NpgsqlDbType.Text, r => r.Explanation),
    ]);
}
