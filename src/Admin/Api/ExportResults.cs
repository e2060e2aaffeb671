using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Net.Http.Headers;
using Sejahtera.Engine.Exports;

namespace Sejahtera.Admin.Api;

/// <summary>
/// A list downloaded as <c>.xlsx</c> or CSV (<c>?format=xlsx|csv</c>, xlsx when absent): written to the
/// response body as its rows are read from the database, so a province-wide list never sits in memory.
/// </summary>
internal static class ExportResults
{
    private const int BufferBytes = 64 * 1024;

    /// <summary>The format asked for, or a 400 problem in Indonesian.</summary>
    public static ProblemHttpResult? RefuseFormat(string? format, out ExportFormat parsed)
    {
        if (ExportTable.ParseFormat(string.IsNullOrWhiteSpace(format) ? "xlsx" : format) is { } f)
        {
            parsed = f;
            return null;
        }

        parsed = default;
        return Refusals.BadRequest($"Format '{format}' tidak dikenal; gunakan format=xlsx atau format=csv.", "Format unduhan tidak dikenal");
    }

    public static ExportFile Of(ExportTable table, ExportFormat format) => new(table, format);

    /// <summary>The download as a typed result: the OpenAPI description lists both of its content types.</summary>
    internal sealed class ExportFile(ExportTable table, ExportFormat format) : IResult, IEndpointMetadataProvider
    {
        public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
            builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Stream),
                [ExportTable.ContentType(ExportFormat.Xlsx), ExportTable.ContentType(ExportFormat.Csv)]));

        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.ContentType = ExportTable.ContentType(format);
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment")
            {
                FileName = table.FileName(format),
            }.ToString();
            http.Response.Headers.CacheControl = "no-store";

            // The workbook and CSV writers write synchronously; a buffer in front of the body turns
            // their small writes into a few large ones.
            if (http.Features.Get<IHttpBodyControlFeature>() is { } body)
            {
                body.AllowSynchronousIO = true;
            }

            var buffered = new BufferedStream(http.Response.Body, BufferBytes);
            await table.WriteAsync(buffered, format, http.RequestAborted);
            await buffered.FlushAsync(http.RequestAborted);
        }
    }
}
