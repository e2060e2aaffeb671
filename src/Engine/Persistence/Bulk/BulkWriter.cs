using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Sejahtera.Engine.Persistence.Bulk;

/// <summary>A stream of rows into one table; complete it before the next statement on the connection.</summary>
internal interface IBulkStream<in T> : IAsyncDisposable
{
    ValueTask WriteAsync(T row, CancellationToken ct);

    ValueTask CompleteAsync(CancellationToken ct);
}

/// <summary>
/// The provider-specific fast path for big tables, inside the caller's transaction: prepared
/// statements on SQLite, binary COPY on PostgreSQL, SqlBulkCopy in batches on SQL Server.
/// </summary>
internal abstract class BulkWriter
{
    public static BulkWriter For(DatabaseProvider provider, DbConnection connection, DbTransaction transaction) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteBulk((SqliteConnection)connection, (SqliteTransaction)transaction),
        DatabaseProvider.Postgres => new PostgresBulk((NpgsqlConnection)connection, (NpgsqlTransaction)transaction),
        DatabaseProvider.SqlServer => new SqlServerBulk((SqlConnection)connection, (SqlTransaction)transaction),
        _ => throw new InvalidOperationException(),
    };

    public abstract ValueTask<IBulkStream<T>> OpenAsync<T>(BulkTable<T> table, CancellationToken ct);

    public async ValueTask WriteAllAsync<T>(BulkTable<T> table, IEnumerable<T> rows, CancellationToken ct)
    {
        await using var stream = await OpenAsync(table, ct);
        foreach (var row in rows)
        {
            await stream.WriteAsync(row, ct);
        }

        await stream.CompleteAsync(ct);
    }

    private sealed class SqliteBulk(SqliteConnection connection, SqliteTransaction transaction) : BulkWriter
    {
        public override ValueTask<IBulkStream<T>> OpenAsync<T>(BulkTable<T> table, CancellationToken ct)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {table.Name} ({table.ColumnList}) VALUES ({string.Join(", ", table.Columns.Select(c => "@" + c.Name))})";
            foreach (var column in table.Columns)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = "@" + column.Name });
            }

            command.Prepare();
            return ValueTask.FromResult<IBulkStream<T>>(new Stream<T>(table, command));
        }

        private sealed class Stream<T>(BulkTable<T> table, SqliteCommand command) : IBulkStream<T>
        {
            public ValueTask WriteAsync(T row, CancellationToken ct)
            {
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    command.Parameters[i].Value = table.Columns[i].Value(row) switch
                    {
                        null => DBNull.Value,
                        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        bool b => b ? 1 : 0,
                        var v => v,
                    };
                }

                command.ExecuteNonQuery();
                return ValueTask.CompletedTask;
            }

            public ValueTask CompleteAsync(CancellationToken ct) => ValueTask.CompletedTask;

            public ValueTask DisposeAsync()
            {
                command.Dispose();
                return ValueTask.CompletedTask;
            }
        }
    }

    private sealed class PostgresBulk(NpgsqlConnection connection, NpgsqlTransaction transaction) : BulkWriter
    {
        public override async ValueTask<IBulkStream<T>> OpenAsync<T>(BulkTable<T> table, CancellationToken ct)
        {
            // The COPY runs inside the connection's current transaction.
            _ = transaction;
            var importer = await connection.BeginBinaryImportAsync($"COPY {table.Name} ({table.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
            return new Stream<T>(table, importer);
        }

        private sealed class Stream<T>(BulkTable<T> table, NpgsqlBinaryImporter importer) : IBulkStream<T>
        {
            public ValueTask WriteAsync(T row, CancellationToken ct)
            {
                // Synchronous writes: they block only when the buffer goes to the server, and avoid an
                // async state machine per value over millions of rows.
                importer.StartRow();
                foreach (var column in table.Columns)
                {
                    if (column.Value(row) is { } value)
                    {
                        importer.Write(value, column.PostgresType);
                    }
                    else
                    {
                        importer.WriteNull();
                    }
                }

                return ValueTask.CompletedTask;
            }

            public async ValueTask CompleteAsync(CancellationToken ct) => await importer.CompleteAsync(ct);

            public ValueTask DisposeAsync() => importer.DisposeAsync();
        }
    }

    /// <summary>SqlBulkCopy in batches, inside the caller's transaction.</summary>
    private sealed class SqlServerBulk(SqlConnection connection, SqlTransaction transaction) : BulkWriter
    {
        private const int BatchRows = 50_000;

        public override ValueTask<IBulkStream<T>> OpenAsync<T>(BulkTable<T> table, CancellationToken ct) =>
            ValueTask.FromResult<IBulkStream<T>>(new Stream<T>(table, connection, transaction));

        private sealed class Stream<T>(BulkTable<T> table, SqlConnection connection, SqlTransaction transaction) : IBulkStream<T>
        {
            private readonly DataTable buffer = CreateBuffer(table);

            public async ValueTask WriteAsync(T row, CancellationToken ct)
            {
                buffer.Rows.Add(table.Columns.Select(c => c.Value(row) switch
                {
                    null => DBNull.Value,
                    DateOnly d => d.ToDateTime(TimeOnly.MinValue),
                    var v => v,
                }).ToArray());
                if (buffer.Rows.Count >= BatchRows)
                {
                    await FlushAsync(ct);
                }
            }

            public async ValueTask CompleteAsync(CancellationToken ct) => await FlushAsync(ct);

            public ValueTask DisposeAsync()
            {
                buffer.Dispose();
                return ValueTask.CompletedTask;
            }

            private static DataTable CreateBuffer(BulkTable<T> table)
            {
                var data = new DataTable();
                foreach (var column in table.Columns)
                {
                    data.Columns.Add(column.Name, typeof(object));
                }

                return data;
            }

            private async Task FlushAsync(CancellationToken ct)
            {
                if (buffer.Rows.Count == 0)
                {
                    return;
                }

                using var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.TableLock, transaction)
                {
                    DestinationTableName = table.Name,
                    BatchSize = BatchRows,
                    BulkCopyTimeout = 0,
                };
                foreach (var column in table.Columns)
                {
                    bulk.ColumnMappings.Add(column.Name, column.Name);
                }

                await bulk.WriteToServerAsync(buffer, ct);
                buffer.Clear();
            }
        }
    }
}
