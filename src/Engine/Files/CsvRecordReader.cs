using System.Text;

namespace Sejahtera.Engine.Files;

/// <summary>
/// The one CSV reader of the engine (DTKS exports, the bank's answers, other uploads): reads delimited records (quoted fields, CRLF or LF) and keeps the line number each record starts
/// on. Records are capped in length so a file with one enormous line fails early with a message
/// instead of exhausting memory.
/// <para>
/// One record is one line. None of the files the office receives has a field that holds a line
/// break (names, codes, dates, a bank's reason), so a double quote still open at the end of a line
/// is a stray quote, not a multi-line field: read as RFC 4180 allows, it would swallow the following
/// lines into one record and quietly drop them. Such a file is refused as a whole, naming the line
/// where the quote opened (<see cref="QuoteLeftOpen"/>).
/// </para>
/// </summary>
internal sealed class CsvRecordReader : IDisposable
{
    public const int MaxRecordChars = 64 * 1024;

    private readonly TextReader reader;
    private readonly char[] buffer = new char[1 << 16];
    private int bufferPos;
    private int bufferLen;
    private char[] record = new char[1024];
    private int recordLen;
    private readonly List<Range> fields = new(32);
    private long nextLine = 1;
    private string? quotedRaw;

    public CsvRecordReader(Stream stream)
    {
        // Invalid UTF-8 throws rather than turning into replacement characters silently.
        reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: false);
    }

    public char Delimiter { get; set; } = ',';

    /// <summary>The physical line on which the current record starts (1-based).</summary>
    public long LineNumber { get; private set; }

    public int FieldCount => fields.Count;

    public ReadOnlySpan<char> Field(int index) => record.AsSpan(fields[index]);

    /// <summary>The record as it stood in the file, for the rejects file.</summary>
    public string Raw => quotedRaw ?? new string(record, 0, recordLen);

    /// <summary>True when the record holds nothing but whitespace (such lines carry no data).</summary>
    public bool IsBlank => record.AsSpan(0, recordLen).IsWhiteSpace();

    /// <summary>Splits the current record again with another delimiter (used once, on the header).</summary>
    public void UseDelimiter(char delimiter)
    {
        Delimiter = delimiter;
        var raw = Raw;
        raw.CopyTo(0, record, 0, raw.Length);
        recordLen = raw.Length;
        Split();
    }

    public static FileRefusedException QuoteLeftOpen(long line) =>
        new($"Baris {Indonesian.Number(line)}: tanda kutip (\") tidak ditutup; isi kolom tidak boleh memuat baris baru, jadi baris-baris berikutnya "
            + "akan tertelan ke dalam baris ini. Berkas ditolak seluruhnya: perbaiki tanda kutip pada baris itu lalu kirim ulang.");

    public static FileRefusedException LineTooLong(long line) =>
        new($"Baris {Indonesian.Number(line)} lebih panjang dari {Indonesian.Number(MaxRecordChars)} karakter; berkas ini tidak dapat dibaca sebagai CSV.");

    public bool Read()
    {
        recordLen = 0;
        LineNumber = nextLine;
        var inQuotes = false;
        var sawQuote = false;
        var any = false;
        while (true)
        {
            if (bufferPos == bufferLen)
            {
                bufferLen = ReadBlock();
                bufferPos = 0;
                if (bufferLen == 0)
                {
                    if (!any)
                    {
                        return false;
                    }

                    if (inQuotes)
                    {
                        throw QuoteLeftOpen(LineNumber);
                    }

                    break;
                }
            }

            any = true;
            var c = buffer[bufferPos++];
            if (c == '\0')
            {
                throw new FileRefusedException($"Berkas berisi data biner (byte NUL pada baris {nextLine}); yang diterima hanya CSV teks UTF-8.");
            }

            if (c == '"')
            {
                inQuotes = !inQuotes;
                sawQuote = true;
            }
            else if (c == '\n' && !inQuotes)
            {
                nextLine++;
                break;
            }
            else if (c == '\n')
            {
                throw QuoteLeftOpen(LineNumber);
            }

            if (recordLen == record.Length)
            {
                if (record.Length >= MaxRecordChars)
                {
                    throw LineTooLong(LineNumber);
                }

                Array.Resize(ref record, Math.Min(record.Length * 2, MaxRecordChars));
            }

            record[recordLen++] = c;
        }

        if (recordLen > 0 && record[recordLen - 1] == '\r')
        {
            recordLen--;
        }

        // Unquoting rewrites the record in place, so keep the original text for the rejects file.
        quotedRaw = sawQuote ? new string(record, 0, recordLen) : null;
        Split();
        return true;
    }

    private int ReadBlock()
    {
        try
        {
            return reader.Read(buffer, 0, buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new FileRefusedException($"Berkas bukan teks UTF-8 yang sah (sekitar baris {nextLine}); simpan ulang sebagai CSV UTF-8.");
        }
    }

    /// <summary>Finds field boundaries and unquotes quoted fields in place (unquoted text is never longer).</summary>
    private void Split()
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (i < recordLen && record[i] == '"')
            {
                var write = i;
                var start = i;
                i++;
                while (i < recordLen)
                {
                    if (record[i] == '"')
                    {
                        if (i + 1 < recordLen && record[i + 1] == '"')
                        {
                            record[write++] = '"';
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    record[write++] = record[i++];
                }

                // Text after the closing quote up to the delimiter is kept as written.
                while (i < recordLen && record[i] != Delimiter)
                {
                    record[write++] = record[i++];
                }

                fields.Add(start..write);
            }
            else
            {
                var start = i;
                var next = record.AsSpan(i, recordLen - i).IndexOf(Delimiter);
                i = next < 0 ? recordLen : i + next;
                fields.Add(start..i);
            }

            if (i >= recordLen)
            {
                return;
            }

            i++; // the delimiter
            if (i == recordLen)
            {
                fields.Add(i..i);
                return;
            }
        }
    }

    public void Dispose() => reader.Dispose();
}
