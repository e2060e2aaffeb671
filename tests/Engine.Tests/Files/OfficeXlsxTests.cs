using Sejahtera.Engine.Files;
using Xunit;

namespace Sejahtera.Engine.Tests.Files;

public sealed class OfficeXlsxTests
{
    [Fact]
    public void A_workbook_written_row_by_row_reads_back_with_the_same_text_and_numbers_on_each_sheet()
    {
        using var buffer = new MemoryStream();
        using (var xlsx = OfficeXlsx.Create(buffer))
        {
            xlsx.Sheet("T-C.23", 6, 40, 12)
                .Row(XlsxCell.Of("Tabel T-C.23", XlsxStyle.Title)).MergeLast(0, 2)
                .Row(XlsxCell.Of("No", XlsxStyle.Header), XlsxCell.Of("Indikator", XlsxStyle.Header), XlsxCell.Of("Rasio", XlsxStyle.Header))
                .Row(XlsxCell.Of(1m), "=1+2 tetap teks", XlsxCell.Of((decimal?)null))
                .Row(XlsxCell.Of(2m), XlsxCell.Empty, XlsxCell.Of(1234567m));
            xlsx.Sheet("Kedua/lembar").Row("a", "b");
        }

        buffer.Position = 0;
        var sheets = XlsxReadBack.Sheets(buffer);

        Assert.Equal(["T-C.23", "Kedua lembar"], sheets.Keys);
        var first = sheets["T-C.23"];
        Assert.Equal(["Tabel T-C.23"], first[0]);
        Assert.Equal(["1", "=1+2 tetap teks", "-"], first[2]);
        Assert.Equal(["2", "", "1234567"], first[3]);
        Assert.Equal(["a", "b"], sheets["Kedua lembar"][0]);
    }

    [Fact]
    public void A_workbook_streamed_to_an_output_that_cannot_seek_opens_with_every_row_and_without_characters_xml_cannot_hold()
    {
        using var file = new MemoryStream();
        using (var forwardOnly = new ForwardOnly(file))
        using (var xlsx = OfficeXlsx.Create(forwardOnly))
        {
            xlsx.Sheet("Hasil", 10, 30).Row(XlsxCell.Of("No", XlsxStyle.Header), XlsxCell.Of("Nama", XlsxStyle.Header));
            for (var i = 1; i <= 20_000; i++)
            {
                xlsx.Row(XlsxCell.Of((decimal)i), $"Maria {i}\u0001 ✓ 😀");
            }
        }

        file.Position = 0;
        var rows = XlsxReadBack.Sheets(file)["Hasil"];

        Assert.Equal(20_001, rows.Count);
        Assert.Equal(["No", "Nama"], rows[0]);
        Assert.Equal(["20000", "Maria 20000 ✓ 😀"], rows[^1]);
    }

    [Fact]
    public void An_empty_workbook_still_has_one_sheet()
    {
        using var buffer = new MemoryStream();
        OfficeXlsx.Create(buffer).Dispose();
        buffer.Position = 0;
        Assert.Equal(["Lembar1"], XlsxReadBack.Sheets(buffer).Keys);
    }

    /// <summary>A response body: written forward only, never read, never sought.</summary>
    private sealed class ForwardOnly(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }

    [Fact]
    public void Cell_references_past_column_z_use_two_letters()
    {
        Assert.Equal("A1", OfficeXlsx.Reference(0, 1));
        Assert.Equal("Z3", OfficeXlsx.Reference(25, 3));
        Assert.Equal("AA3", OfficeXlsx.Reference(26, 3));
        Assert.Equal("AZ10", OfficeXlsx.Reference(51, 10));
    }
}
