using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Sejahtera.Engine.Indicators;

/// <summary>
/// The YAML schema of an indicator catalog, as shipped in <c>Reference/renstra-indicators.yaml</c>
/// (Tabel T-C.27 of the Renstra) and as <c>indicators catalog import</c> reads it. A key the schema
/// does not know is refused with its line and column, so a misspelt <c>targtes:</c> cannot silently
/// drop a year's targets. A dash in the document is written <c>null</c>: no target that year.
/// </summary>
internal sealed class CatalogDocument
{
    public string? Source { get; set; }
    public List<ProgramEntry> Programs { get; set; } = [];
    public List<IndicatorEntry> Indicators { get; set; } = [];

    internal sealed class ProgramEntry
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public OutcomeEntry? Outcome { get; set; }
    }

    internal sealed class OutcomeEntry
    {
        public string? Name { get; set; }
        public string? Unit { get; set; }
        public decimal? Baseline { get; set; }
        public Dictionary<int, decimal?>? Targets { get; set; }
        public Dictionary<int, decimal?>? BudgetIdr { get; set; }
        public Dictionary<int, string>? Printed { get; set; }
    }

    internal sealed class IndicatorEntry
    {
        public string? Code { get; set; }
        public string? Program { get; set; }
        public string? Kegiatan { get; set; }
        public string? Name { get; set; }
        public string? Unit { get; set; }
        public Dictionary<int, decimal?>? Targets { get; set; }
        public Dictionary<int, decimal?>? BudgetIdr { get; set; }
        public Dictionary<int, string>? Printed { get; set; }
        public string? Pj { get; set; }
        public string? Lokasi { get; set; }
        public string? Measure { get; set; }
        public string? Aggregation { get; set; }
        public string? Note { get; set; }
    }

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads a catalog; a syntax error or an unknown key becomes an <see cref="IndicatorRefusedException"/> naming line and column.</summary>
    public static CatalogDocument Parse(string yaml)
    {
        try
        {
            return Deserializer.Deserialize<CatalogDocument?>(yaml) ?? new CatalogDocument();
        }
        catch (YamlException e)
        {
            var what = e.InnerException is { } inner && inner is not YamlException ? inner.Message : e.Message;
            var reason = what.Contains("not found on type", StringComparison.Ordinal) || what.Contains("Property '", StringComparison.Ordinal)
                ? $"kunci '{UnknownKey(what)}' tidak dikenal"
                : "isi tidak dapat dibaca (" + what + ")";
            throw IndicatorRefusedException.Of("Katalog indikator", [$"baris {e.Start.Line}, kolom {e.Start.Column}: {reason}"]);
        }
    }

    private static string UnknownKey(string message)
    {
        var start = message.IndexOf('\'', StringComparison.Ordinal);
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return start >= 0 && end > start ? message[(start + 1)..end] : message;
    }
}

/// <summary>A catalog, a value, a file of values or a computation was refused; nothing was changed. The message is for a person, in Indonesian.</summary>
public sealed class IndicatorRefusedException(string message) : Exception(message)
{
    /// <summary>Refuses a file or form with every problem found (at most 20 listed).</summary>
    public static IndicatorRefusedException Of(string what, IReadOnlyList<string> problems) =>
        new($"{what} ditolak, tidak ada yang diubah: " + string.Join("; ", problems.Take(20))
            + (problems.Count > 20 ? $"; dan {problems.Count - 20} masalah lain" : "") + ".");
}

/// <summary>The indicator belongs to another bidang than the user's: refused as a matter of access (403).</summary>
public sealed class IndicatorScopeException(string message) : Exception(message);

/// <summary>No indicator with that code.</summary>
public sealed class IndicatorNotFoundException(string code) : Exception($"Indikator '{code}' tidak ada di katalog.");
