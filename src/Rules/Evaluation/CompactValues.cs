using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Sejahtera.Rules.Evaluation;

/// <summary>
/// The values a decision's sentences name, kept as typed values in a few bytes instead of rendered
/// sentences: one tag byte, then the value (variable-length integers, UTF-8 text, a count and the
/// items of a list). Reading a value gives it exactly as <see cref="Render"/> shows it to people, so
/// a sentence rendered on read is the sentence evaluation would have written.
/// </summary>
internal static class CompactValues
{
    private const byte Null = 0, False = 1, True = 2, Int = 3, Decimal = 4, Double = 5, Date = 6, Text = 7, List = 8, WholeDecimal = 9;

    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>How a value appears in a sentence: Indonesian number format, dd/MM/yyyy dates, ya/tidak.</summary>
    public static string Render(object? value) => value switch
    {
        null => "-",
        bool b => b ? "ya" : "tidak",
        int or long => ((IFormattable)value).ToString("N0", Indonesian),
        decimal d when d == decimal.Truncate(d) => d.ToString("N0", Indonesian),
        decimal or double => ((IFormattable)value).ToString("0.##", Indonesian),
        DateOnly date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        string s => s,
        System.Collections.IEnumerable list => string.Join(", ", list.Cast<object?>().Select(Render)),
        _ => value.ToString() ?? "-",
    };

    public static void Write(ArrayBufferWriter<byte> into, object? value)
    {
        switch (value)
        {
            case null:
                into.Write([Null]);
                break;
            case bool b:
                into.Write([b ? True : False]);
                break;
            case int i:
                WriteTagged(into, Int, i);
                break;
            case long l:
                WriteTagged(into, Int, l);
                break;
            case decimal d when d == decimal.Truncate(d) && d is >= long.MinValue and <= long.MaxValue:
                WriteTagged(into, WholeDecimal, (long)d);
                break;
            case decimal d:
                var span = into.GetSpan(17);
                span[0] = Decimal;
                System.Decimal.GetBits(d, MemoryMarshalInts(span[1..17]));
                into.Advance(17);
                break;
            case double x:
                var bytes = into.GetSpan(9);
                bytes[0] = Double;
                BinaryPrimitives.WriteDoubleLittleEndian(bytes[1..], x);
                into.Advance(9);
                break;
            case DateOnly date:
                WriteTagged(into, Date, date.DayNumber);
                break;
            case string s:
                WriteText(into, s);
                break;
            case System.Collections.ICollection items:
                WriteTagged(into, List, items.Count);
                foreach (var item in items)
                {
                    Write(into, item);
                }

                break;
            case System.Collections.IEnumerable sequence:
                var list = sequence.Cast<object?>().ToList();
                WriteTagged(into, List, list.Count);
                foreach (var item in list)
                {
                    Write(into, item);
                }

                break;
            default:
                WriteText(into, value.ToString() ?? "-");
                break;
        }
    }

    /// <summary>Reads the next value, rendered as <see cref="Render"/> would render it, and moves past it.</summary>
    public static string ReadRendered(ref ReadOnlySpan<byte> from)
    {
        var tag = from[0];
        from = from[1..];
        switch (tag)
        {
            case Null:
                return "-";
            case False:
                return "tidak";
            case True:
                return "ya";
            case Int or WholeDecimal:
                return ReadVarLong(ref from).ToString("N0", Indonesian);
            case Decimal:
                Span<int> bits = stackalloc int[4];
                for (var i = 0; i < 4; i++)
                {
                    bits[i] = BinaryPrimitives.ReadInt32LittleEndian(from[(i * 4)..]);
                }

                from = from[16..];
                return new decimal(bits).ToString("0.##", Indonesian);
            case Double:
                var x = BinaryPrimitives.ReadDoubleLittleEndian(from);
                from = from[8..];
                return x.ToString("0.##", Indonesian);
            case Date:
                return DateOnly.FromDayNumber((int)ReadVarLong(ref from)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
            case Text:
                var length = (int)ReadVarLong(ref from);
                var text = Encoding.UTF8.GetString(from[..length]);
                from = from[length..];
                return text;
            case List:
                var count = (int)ReadVarLong(ref from);
                if (count == 0)
                {
                    return "";
                }

                var parts = new string[count];
                for (var i = 0; i < count; i++)
                {
                    parts[i] = ReadRendered(ref from);
                }

                return string.Join(", ", parts);
            default:
                throw new InvalidDataException($"Nilai keputusan ringkas rusak (tanda {tag}).");
        }
    }

    private static Span<int> MemoryMarshalInts(Span<byte> bytes) => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, int>(bytes);

    private static void WriteText(ArrayBufferWriter<byte> into, string s)
    {
        var length = Encoding.UTF8.GetByteCount(s);
        WriteTagged(into, Text, length);
        var span = into.GetSpan(length);
        Encoding.UTF8.GetBytes(s, span);
        into.Advance(length);
    }

    /// <summary>The tag, then the number zigzag-encoded in 7-bit groups (small numbers of either sign take one byte).</summary>
    private static void WriteTagged(ArrayBufferWriter<byte> into, byte tag, long value)
    {
        var span = into.GetSpan(11);
        span[0] = tag;
        var n = (ulong)((value << 1) ^ (value >> 63));
        var i = 1;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }

        span[i++] = (byte)n;
        into.Advance(i);
    }

    private static long ReadVarLong(ref ReadOnlySpan<byte> from)
    {
        ulong n = 0;
        var shift = 0;
        var i = 0;
        byte b;
        do
        {
            b = from[i++];
            n |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        from = from[i..];
        return (long)(n >> 1) ^ -(long)(n & 1);
    }
}
