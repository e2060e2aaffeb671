using NpgsqlTypes;

namespace Sejahtera.Engine.Persistence.Bulk;

/// <summary>One column of a bulk-loaded table: its name, its PostgreSQL type for binary COPY, and how to read it from a row.</summary>
internal sealed record BulkColumn<T>(string Name, NpgsqlDbType PostgresType, Func<T, object?> Value);

/// <summary>
/// A table the bulk paths write, described once for all providers. Column names are the model's
/// snake_case names, so the same description serves SQLite, PostgreSQL and SQL Server.
/// </summary>
internal sealed record BulkTable<T>(string Name, IReadOnlyList<BulkColumn<T>> Columns)
{
    public string ColumnList => string.Join(", ", Columns.Select(c => c.Name));
}
