using System.Globalization;
using CsvHelper;

namespace Sejahtera.Engine.Files;

/// <summary>
/// The one writer of the CSV files that people in the office open in a spreadsheet (the DTKS
/// rejects file, reports). Text comes from outside — a line of someone else's export, a name — and
/// a cell that starts with <c>= + - @</c>, a tab or a carriage return is a formula to Excel and
/// LibreOffice (CSV injection). Every text cell is therefore written quoted, and one that starts
/// with such a character gets a single quote in front (<c>'=1+2</c>), as OWASP recommends, by
/// CsvHelper's <see cref="CsvInjection.Escape"/>. Numbers are written as numbers, so <c>-5</c> stays
/// <c>-5</c>. What is written is for reading by people: keep the original values elsewhere if they
/// must come back exactly (the importer keeps the rejects it stores in its own file).
/// </summary>
internal sealed class OfficeCsv : IDisposable, IAsyncDisposable
{
    /// <summary>
    /// The settings of every CSV the service writes: LF line ends, invariant culture, and formula
    /// characters escaped. The bank file uses them with <see cref="CsvInjection.Throw"/> instead.
    /// </summary>
    public static readonly CsvWriterOptions Options = new()
    {
        NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture, Injection = CsvInjection.Escape,
    };

    private readonly CsvWriter csv;

    private OfficeCsv(CsvWriter csv) => this.csv = csv;

    /// <summary>Creates (or overwrites) the file and writes its header.</summary>
    public static OfficeCsv ToFile(string path, params ReadOnlySpan<string> header)
    {
        var file = new OfficeCsv(CsvWriter.ToFile(path, Options));
        file.Header(header);
        return file;
    }

    /// <summary>Writes to <paramref name="writer"/> (left open), starting with the header.</summary>
    public static OfficeCsv Create(TextWriter writer, params ReadOnlySpan<string> header)
    {
        var file = new OfficeCsv(CsvWriter.Create(writer, Options, leaveOpen: true));
        file.Header(header);
        return file;
    }

    /// <summary>A text cell: quoted, and escaped when it would start a formula. Null is an empty cell.</summary>
    public OfficeCsv Text(string? value)
    {
        csv.WriteField(value ?? "", CsvQuoting.Always);
        return this;
    }

    /// <summary>A number cell, written as the number it is (never escaped).</summary>
    public OfficeCsv Number(long value)
    {
        csv.WriteField(value);
        return this;
    }

    /// <summary>An amount, written as the number it is (invariant culture, never escaped).</summary>
    public OfficeCsv Number(decimal value)
    {
        csv.WriteField(value);
        return this;
    }

    public void EndRecord() => csv.EndRecord();

    public ValueTask EndRecordAsync(CancellationToken ct = default) => csv.EndRecordAsync(ct);

    public void Dispose() => csv.Dispose();

    public ValueTask DisposeAsync() => csv.DisposeAsync();

    private void Header(ReadOnlySpan<string> header)
    {
        foreach (var name in header)
        {
            csv.WriteField(name);
        }

        csv.EndRecord();
    }
}
