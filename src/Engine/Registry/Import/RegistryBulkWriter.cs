using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Sejahtera.Engine.Persistence;

namespace Sejahtera.Engine.Registry.Import;

/// <summary>
/// The provider-specific fast path for the three big registry tables, inside the import's
/// transaction: prepared statements on SQLite, binary COPY on PostgreSQL, SqlBulkCopy on SQL Server.
/// Members stream in as the file is read; households and rejects are written once the file is done.
/// </summary>
internal abstract class RegistryBulkWriter(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    protected DbConnection Connection { get; } = connection;
    protected DbTransaction Transaction { get; } = transaction;

    public static RegistryBulkWriter For(DatabaseProvider provider, DbConnection connection, DbTransaction transaction) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteWriter((SqliteConnection)connection, (SqliteTransaction)transaction),
        DatabaseProvider.Postgres => new PostgresWriter((NpgsqlConnection)connection, (NpgsqlTransaction)transaction),
        DatabaseProvider.SqlServer => new SqlServerWriter((SqlConnection)connection, (SqlTransaction)transaction),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>Prepares the tables for a bulk load (called first, inside the transaction).</summary>
    public virtual ValueTask BeginAsync(CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>Restores what <see cref="BeginAsync"/> relaxed (called last, inside the transaction).</summary>
    public virtual ValueTask EndAsync(CancellationToken ct) => ValueTask.CompletedTask;

    public abstract ValueTask WriteMemberAsync(Member m, CancellationToken ct);

    /// <summary>Ends the member stream (must be called before any other statement on the connection).</summary>
    public abstract ValueTask EndMembersAsync(CancellationToken ct);

    public abstract ValueTask WriteHouseholdsAsync(IEnumerable<Household> households, CancellationToken ct);

    public abstract ValueTask WriteRejectsAsync(IEnumerable<ImportReject> rejects, CancellationToken ct);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    internal const string MemberColumns =
        "id, household_id, snapshot_id, nik, name, sex, birth_date, relation, marital_status, disability, school, pregnant, occupation, pkh, bpnt, pbi, flags, line_number";

    internal const string HouseholdColumns =
        "id, snapshot_id, id_dtks, region_code, kabupaten_code, no_kk, desil, member_count, first_line";

    internal const string RejectColumns = "id, snapshot_id, line_number, id_dtks, reason, raw_line";

    private static object?[] Values(Member m) =>
    [
        m.Id, m.HouseholdId, m.SnapshotId, m.Nik, m.Name, m.Sex.ToString(), m.BirthDate, m.Relation, m.MaritalStatus,
        m.Disability, m.School, m.Pregnant, m.Occupation, m.Pkh, m.Bpnt, m.Pbi, (int)m.Flags, m.LineNumber,
    ];

    private static object?[] Values(Household h) =>
        [h.Id, h.SnapshotId, h.IdDtks, h.RegionCode, h.KabupatenCode, h.NoKk, h.Desil, h.MemberCount, h.FirstLine];

    private static object?[] Values(ImportReject r) =>
        [r.Id, r.SnapshotId, r.LineNumber, (object?)r.IdDtks ?? DBNull.Value, r.Reason, r.RawLine];

    private sealed class SqliteWriter(SqliteConnection connection, SqliteTransaction transaction)
        : RegistryBulkWriter(connection, transaction)
    {
        // Maintaining the member indexes row by row costs more than the rows themselves; SQLite DDL
        // is transactional, so dropping and rebuilding them inside the import's transaction is safe.
        private static readonly string[] MemberIndexes =
        [
            "CREATE INDEX \"IX_members_household_id\" ON \"members\" (\"household_id\")",
            "CREATE INDEX \"IX_members_snapshot_id_nik\" ON \"members\" (\"snapshot_id\", \"nik\")",
        ];

        private SqliteCommand? members;

        public override ValueTask BeginAsync(CancellationToken ct)
        {
            Execute("PRAGMA cache_size = -262144");
            Execute("DROP INDEX IF EXISTS \"IX_members_household_id\"");
            Execute("DROP INDEX IF EXISTS \"IX_members_snapshot_id_nik\"");
            return ValueTask.CompletedTask;
        }

        public override ValueTask EndAsync(CancellationToken ct)
        {
            foreach (var sql in MemberIndexes)
            {
                Execute(sql);
            }

            return ValueTask.CompletedTask;
        }

        private void Execute(string sql)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public override ValueTask WriteMemberAsync(Member m, CancellationToken ct)
        {
            members ??= Prepare("members", MemberColumns);
            Run(members, Values(m));
            return ValueTask.CompletedTask;
        }

        public override ValueTask EndMembersAsync(CancellationToken ct) => ValueTask.CompletedTask;

        public override ValueTask WriteHouseholdsAsync(IEnumerable<Household> households, CancellationToken ct)
        {
            using var command = Prepare("households", HouseholdColumns);
            foreach (var h in households)
            {
                Run(command, Values(h));
            }

            return ValueTask.CompletedTask;
        }

        public override ValueTask WriteRejectsAsync(IEnumerable<ImportReject> rejects, CancellationToken ct)
        {
            using var command = Prepare("import_rejects", RejectColumns);
            foreach (var r in rejects)
            {
                Run(command, Values(r));
            }

            return ValueTask.CompletedTask;
        }

        private SqliteCommand Prepare(string table, string columns)
        {
            var names = columns.Split(", ");
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", names.Select(n => "@" + n))})";
            foreach (var n in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = "@" + n });
            }

            command.Prepare();
            return command;
        }

        private static void Run(SqliteCommand command, object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i] switch
                {
                    DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    bool b => b ? 1 : 0,
                    var v => v,
                };
            }

            command.ExecuteNonQuery();
        }

        public override ValueTask DisposeAsync()
        {
            members?.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
        : RegistryBulkWriter(connection, transaction)
    {
        private NpgsqlBinaryImporter? members;

        /// <summary>Fresh statistics, or the planner scans millions of rows for the data ganda update.</summary>
        public override async ValueTask EndAsync(CancellationToken ct)
        {
            await using var command = new NpgsqlCommand("ANALYZE members; ANALYZE households", connection, transaction);
            await command.ExecuteNonQueryAsync(ct);
        }

        public override async ValueTask WriteMemberAsync(Member m, CancellationToken ct)
        {
            members ??= await connection.BeginBinaryImportAsync($"COPY members ({MemberColumns}) FROM STDIN (FORMAT BINARY)", ct);
            // Synchronous writes: they only block when the buffer goes to the server, and avoid an
            // async state machine per value over millions of rows.
            members.StartRow();
            members.Write(m.Id, NpgsqlDbType.Bigint);
            members.Write(m.HouseholdId, NpgsqlDbType.Bigint);
            members.Write(m.SnapshotId, NpgsqlDbType.Bigint);
            members.Write(m.Nik, NpgsqlDbType.Varchar);
            members.Write(m.Name, NpgsqlDbType.Varchar);
            members.Write(m.Sex.ToString(), NpgsqlDbType.Varchar);
            members.Write(m.BirthDate, NpgsqlDbType.Date);
            members.Write(m.Relation, NpgsqlDbType.Integer);
            members.Write(m.MaritalStatus, NpgsqlDbType.Integer);
            members.Write(m.Disability, NpgsqlDbType.Integer);
            members.Write(m.School, NpgsqlDbType.Integer);
            members.Write(m.Pregnant, NpgsqlDbType.Boolean);
            members.Write(m.Occupation, NpgsqlDbType.Integer);
            members.Write(m.Pkh, NpgsqlDbType.Boolean);
            members.Write(m.Bpnt, NpgsqlDbType.Boolean);
            members.Write(m.Pbi, NpgsqlDbType.Boolean);
            members.Write((int)m.Flags, NpgsqlDbType.Integer);
            members.Write(m.LineNumber, NpgsqlDbType.Bigint);
        }

        public override async ValueTask EndMembersAsync(CancellationToken ct)
        {
            if (members is not null)
            {
                await members.CompleteAsync(ct);
                await members.DisposeAsync();
                members = null;
            }
        }

        public override async ValueTask WriteHouseholdsAsync(IEnumerable<Household> households, CancellationToken ct)
        {
            await using var copy = await connection.BeginBinaryImportAsync($"COPY households ({HouseholdColumns}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var h in households)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(h.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(h.SnapshotId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(h.IdDtks, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(h.RegionCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(h.KabupatenCode, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(h.NoKk, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(h.Desil, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(h.MemberCount, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(h.FirstLine, NpgsqlDbType.Bigint, ct);
            }

            await copy.CompleteAsync(ct);
        }

        public override async ValueTask WriteRejectsAsync(IEnumerable<ImportReject> rejects, CancellationToken ct)
        {
            await using var copy = await connection.BeginBinaryImportAsync($"COPY import_rejects ({RejectColumns}) FROM STDIN (FORMAT BINARY)", ct);
            foreach (var r in rejects)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(r.SnapshotId, NpgsqlDbType.Bigint, ct);
                await copy.WriteAsync(r.LineNumber, NpgsqlDbType.Bigint, ct);
                if (r.IdDtks is null)
                {
                    await copy.WriteNullAsync(ct);
                }
                else
                {
                    await copy.WriteAsync(r.IdDtks, NpgsqlDbType.Varchar, ct);
                }

                await copy.WriteAsync(r.Reason, NpgsqlDbType.Varchar, ct);
                await copy.WriteAsync(r.RawLine, NpgsqlDbType.Varchar, ct);
            }

            await copy.CompleteAsync(ct);
        }

        public override async ValueTask DisposeAsync()
        {
            if (members is not null)
            {
                await members.DisposeAsync();
            }
        }
    }

    /// <summary>SqlBulkCopy in batches of <see cref="BatchRows"/> rows, inside the import transaction.</summary>
    private sealed class SqlServerWriter(SqlConnection connection, SqlTransaction transaction)
        : RegistryBulkWriter(connection, transaction)
    {
        private const int BatchRows = 50_000;
        private DataTable? members;

        public override async ValueTask WriteMemberAsync(Member m, CancellationToken ct)
        {
            members ??= Table(MemberColumns);
            members.Rows.Add(Values(m).Select(v => v is DateOnly d ? d.ToDateTime(TimeOnly.MinValue) : v).ToArray());
            if (members.Rows.Count >= BatchRows)
            {
                await FlushAsync("members", members, ct);
            }
        }

        public override async ValueTask EndMembersAsync(CancellationToken ct)
        {
            if (members is not null)
            {
                await FlushAsync("members", members, ct);
            }
        }

        public override async ValueTask WriteHouseholdsAsync(IEnumerable<Household> households, CancellationToken ct)
        {
            var table = Table(HouseholdColumns);
            foreach (var h in households)
            {
                table.Rows.Add(Values(h));
                if (table.Rows.Count >= BatchRows)
                {
                    await FlushAsync("households", table, ct);
                }
            }

            await FlushAsync("households", table, ct);
        }

        public override async ValueTask WriteRejectsAsync(IEnumerable<ImportReject> rejects, CancellationToken ct)
        {
            var table = Table(RejectColumns);
            foreach (var r in rejects)
            {
                table.Rows.Add(Values(r));
                if (table.Rows.Count >= BatchRows)
                {
                    await FlushAsync("import_rejects", table, ct);
                }
            }

            await FlushAsync("import_rejects", table, ct);
        }

        private static DataTable Table(string columns)
        {
            var table = new DataTable();
            foreach (var name in columns.Split(", "))
            {
                table.Columns.Add(name, typeof(object));
            }

            return table;
        }

        private async Task FlushAsync(string tableName, DataTable table, CancellationToken ct)
        {
            if (table.Rows.Count == 0)
            {
                return;
            }

            using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.TableLock, transaction)
            {
                DestinationTableName = tableName,
                BatchSize = BatchRows,
                BulkCopyTimeout = 0,
            };
            foreach (DataColumn column in table.Columns)
            {
                bulk.ColumnMappings.Add(column.ColumnName, column.ColumnName);
            }

            await bulk.WriteToServerAsync(table, ct);
            table.Clear();
        }
    }
}
