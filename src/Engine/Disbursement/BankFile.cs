using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Sejahtera.Engine.Files;

namespace Sejahtera.Engine.Disbursement;

/// <summary>What the bank receives: its text, and the rows and total it was checked to hold.</summary>
public sealed record BankFileContent(string Text, int Rows, decimal Total, string Sha256);

/// <summary>
/// The bank transfer file of one batch: <c>batch_id,payment_id,account_number,account_holder,amount,description</c>.
/// Built only from the batch's stored payments, written by a CSV library (every text field quoted,
/// quotes doubled), refused when a field holds a character the bank's format does not allow, and read
/// back before it is served: the file must hold exactly the batch's payments, field for field, with
/// the batch's count and total. A file that does not is never handed out.
/// </summary>
internal static class BankFile
{
    private static readonly string[] Columns = ["batch_id", "payment_id", "account_number", "account_holder", "amount", "description"];

    /// <summary>The office's CSV settings, but a formula character refuses the file instead of being escaped.</summary>
    private static readonly CsvWriterOptions Writing = OfficeCsv.Options with { Injection = CsvInjection.Throw };

    private static readonly CsvReaderOptions Reading = new()
    {
        Separator = ',', HasHeader = false, AllowLineBreaksInQuotes = true, SkipEmptyLines = false, FormatProvider = CultureInfo.InvariantCulture,
    };

    public static BankFileContent Build(PaymentBatch batch, IReadOnlyList<Payment> payments)
    {
        var problems = Problems(batch, payments);
        if (problems.Count > 0)
        {
            throw new DisbursementException($"Berkas bank batch {batch.Id} tidak dibuat: " + string.Join("; ", problems) + ".");
        }

        var text = Write(batch.Id, payments);
        if (ReadBack(text, batch.Id, payments) is { } mismatch)
        {
            throw new DisbursementException($"Berkas bank batch {batch.Id} tidak dibuat: {mismatch}.");
        }

        return new BankFileContent(text, payments.Count, payments.Sum(p => p.Amount),
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))));
    }

    private static List<string> Problems(PaymentBatch batch, IReadOnlyList<Payment> payments)
    {
        var problems = new List<string>();
        if (payments.Count != batch.PaymentCount || payments.Sum(p => p.Amount) != batch.TotalAmount)
        {
            problems.Add($"batch dibuat dengan {batch.PaymentCount} pembayaran senilai {batch.TotalAmount:0}, " +
                $"tetapi kini berisi {payments.Count} pembayaran senilai {payments.Sum(p => p.Amount):0}");
        }

        foreach (var p in payments)
        {
            if (p.BatchId != batch.Id)
            {
                problems.Add($"pembayaran {p.Id} bukan milik batch ini");
            }

            if (p.AccountNumber.Length is < 8 or > 20 || !p.AccountNumber.All(char.IsAsciiDigit))
            {
                problems.Add($"pembayaran {p.Id}: nomor rekening harus 8–20 digit angka");
            }

            if (p.Amount <= 0 || decimal.Truncate(p.Amount) != p.Amount)
            {
                problems.Add($"pembayaran {p.Id}: jumlah harus rupiah bulat lebih dari nol");
            }

            foreach (var (field, value) in new[] { ("pemilik rekening", p.AccountHolder), ("keterangan", p.Description) })
            {
                if (SafeText.Problem(value) is { } problem)
                {
                    problems.Add($"pembayaran {p.Id}: {field} {problem}");
                }
            }
        }

        return problems;
    }

    private static string Write(long batchId, IReadOnlyList<Payment> payments)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Writing, leaveOpen: true))
        {
            csv.WriteRecord(Columns);
            foreach (var p in payments)
            {
                csv.WriteField(batchId.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(p.Id.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(p.AccountNumber);
                csv.WriteField(p.AccountHolder, CsvQuoting.Always);
                csv.WriteField(p.Amount.ToString("0", CultureInfo.InvariantCulture));
                csv.WriteField(p.Description, CsvQuoting.Always);
                csv.EndRecord();
            }
        }

        return text.ToString();
    }

    /// <summary>The file as the bank would read it, record by record; the first difference from the payments, or null.</summary>
    private static string? ReadBack(string text, long batchId, IReadOnlyList<Payment> payments)
    {
        var records = new List<string[]>();
        using (var reader = CsvReader.Create(new StringReader(text), Reading))
        {
            while (reader.Read())
            {
                records.Add(reader.Current.ToArray());
            }
        }

        // Line by line too: a bank that splits on line breaks must see the same rows.
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        if (records.Count != payments.Count + 1 || lines != payments.Count + 1)
        {
            return $"berkas berisi {records.Count - 1} baris data ({lines - 1} baris teks) untuk {payments.Count} pembayaran";
        }

        if (!records[0].SequenceEqual(Columns))
        {
            return "kepala kolom berkas tidak sesuai";
        }

        for (var i = 0; i < payments.Count; i++)
        {
            var p = payments[i];
            string[] expected =
            [
                batchId.ToString(CultureInfo.InvariantCulture), p.Id.ToString(CultureInfo.InvariantCulture), p.AccountNumber, p.AccountHolder,
                p.Amount.ToString("0", CultureInfo.InvariantCulture), p.Description,
            ];
            if (!records[i + 1].SequenceEqual(expected))
            {
                return $"baris {i + 2} berkas tidak sama dengan pembayaran {p.Id}";
            }
        }

        return null;
    }
}
