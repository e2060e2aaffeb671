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
        new("passed_mask", NpgsqlDbType.Bigint, r => r.PassedMask),
        new("sentence_values", NpgsqlDbType.Bytea, r => r.SentenceValues),
        new("carried_from_run_id", NpgsqlDbType.Bigint, r => r.CarriedFromRunId),
    ]);

    public static readonly BulkTable<ScreeningCarry> Carries = new("screening_carries",
    [
        new("run_id", NpgsqlDbType.Bigint, c => c.RunId),
        new("first_household_id", NpgsqlDbType.Bigint, c => c.FirstHouseholdId),
        new("last_household_id", NpgsqlDbType.Bigint, c => c.LastHouseholdId),
        new("from_run_id", NpgsqlDbType.Bigint, c => c.FromRunId),
        new("household_offset", NpgsqlDbType.Bigint, c => c.HouseholdOffset),
    ]);
}
