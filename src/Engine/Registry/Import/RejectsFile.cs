using System.Text;
using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Registry.Import;

/// <summary>
/// The rejects of one import, written as they are found into two temporary files side by side: the
/// rejects file for people (<c>baris,id_dtks,alasan,isi_baris</c>, an <see cref="OfficeCsv"/>, so a
/// rejected line that starts like a formula is written as text, <c>'=1+2…</c>), and the same rejects
/// exactly as found, which <see cref="Stored"/> reads back into <c>import_rejects</c> at the end — so
/// the database keeps each line as it was, and memory stays flat however many there are.
/// <see cref="Publish"/> moves the rejects file into place; disposing removes whatever is left.
/// </summary>
internal sealed class RejectsFile : IAsyncDisposable
{
    public static readonly string[] Columns = ["baris", "id_dtks", "alasan", "isi_baris"];

    /// <summary>The longest part of a rejected line that is kept.</summary>
    public const int RawLineLimit = 2000;

    private const int ReasonLimit = 500;

    private readonly string path;
    private readonly string csvPath;
    private readonly string storedPath;
    private OfficeCsv? csv;
    private BinaryWriter? stored;

    public RejectsFile(string path)
    {
        this.path = path;
        csvPath = path + ".tmp";
        storedPath = path + ".rows.tmp";
        csv = OfficeCsv.ToFile(csvPath, Columns);
        stored = new BinaryWriter(File.Create(storedPath), new UTF8Encoding(false), leaveOpen: false);
    }

    public async Task AddAsync(long line, string? idDtks, string reason, string raw, CancellationToken ct)
    {
        if (csv is null || stored is null)
        {
            throw new InvalidOperationException("The rejects file is already closed.");
        }

        raw = Clip(raw, RawLineLimit);
        csv.Number(line).Text(idDtks).Text(reason).Text(raw);
        await csv.EndRecordAsync(ct);

        stored.Write(line);
        stored.Write(idDtks is not null);
        if (idDtks is not null)
        {
            stored.Write(idDtks);
        }

        stored.Write(reason);
        stored.Write(raw);
    }

    /// <summary>Finishes writing both files.</summary>
    public async Task CloseAsync()
    {
        if (csv is not null)
        {
            await csv.DisposeAsync();
            csv = null;
        }

        if (stored is not null)
        {
            await stored.DisposeAsync();
            stored = null;
        }
    }

    /// <summary>The rejects exactly as found, for the database, read back one by one (after <see cref="CloseAsync"/>).</summary>
    public IEnumerable<ImportReject> Stored(long snapshotId, long firstId)
    {
        using var reader = new BinaryReader(File.OpenRead(storedPath), new UTF8Encoding(false), leaveOpen: false);
        var id = firstId;
        while (reader.BaseStream.Position < reader.BaseStream.Length)
        {
            var line = reader.ReadInt64();
            var idDtks = reader.ReadBoolean() ? reader.ReadString() : null;
            var reason = reader.ReadString();
            yield return new ImportReject
            {
                Id = id++,
                SnapshotId = snapshotId,
                LineNumber = line,
                IdDtks = idDtks,
                Reason = reason.Length > ReasonLimit ? string.Concat(Clip(reason, ReasonLimit - 1), "…") : reason,
                RawLine = reader.ReadString(),
            };
        }
    }

    /// <summary>Moves the finished rejects file to its name (after <see cref="CloseAsync"/>).</summary>
    public void Publish() => File.Move(csvPath, path, overwrite: true);

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        File.Delete(csvPath);
        File.Delete(storedPath);
    }

    /// <summary>At most <paramref name="limit"/> characters, never cutting a surrogate pair in two.</summary>
    private static string Clip(string text, int limit) =>
        text.Length <= limit ? text : text[..(char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit)];
}
