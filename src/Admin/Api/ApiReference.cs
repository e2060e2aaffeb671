using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Sejahtera.Admin.Api;

/// <summary>
/// The OpenAPI description of the REST API (<c>/openapi/v1.json</c>, for signed-in users like the API itself) and
/// its interactive reference page <c>/referensi-api</c> (Swagger UI from npm, served from wwwroot/lib).
/// </summary>
internal static class ApiReference
{
    public const string DocumentPath = "/openapi/v1.json";

    public static IServiceCollection AddApiReference(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            // Only the REST API is described: the pages are for people.
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Sejahtera — REST API Dinas Sosial Provinsi NTT",
                    Version = "v1",
                    Description = "Semua jalur di bawah /api memerlukan sesi masuk (cookie `sejahtera`, masuk lewat /masuk). "
                        + "Galat dijawab sebagai problem details dalam bahasa Indonesia: 400 ditolak, 403 bukan peran Anda, "
                        + "404 tidak ditemukan atau di luar wilayah Anda, 409 sudah diubah pengguna lain, 415 jenis isi salah. "
                        + "Tahap, tindakan, status dan program dikirim sebagai kode; labelnya dalam bahasa Indonesia ada di daftar istilah (docs/glossary.md) "
                        + "dan, untuk usulan, di kolom *_label.",
                };
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<UploadBody>().FirstOrDefault() is { } upload)
                {
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Description = "Berkas sebagai isi permintaan (bukan formulir multipart), dengan Content-Type salah satu dari: "
                            + string.Join(", ", upload.ContentTypes) + ".",
                        Content = upload.ContentTypes.ToDictionary(t => t, _ => new OpenApiMediaType
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                        }),
                    };
                }

                return Task.CompletedTask;
            });
        });

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).RequireAuthorization();
        return app;
    }
}

/// <summary>An endpoint that reads its body as sent: the content types it takes, described as a file in the OpenAPI document.</summary>
internal sealed record UploadBody(IReadOnlyList<string> ContentTypes);
