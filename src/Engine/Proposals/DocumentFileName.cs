using System.Text;

namespace Sejahtera.Engine.Proposals;

/// <summary>
/// The name a document is stored and served under: the uploader's name without any folder, reduced
/// to ASCII letters, digits, spaces, '-' and '_', with the extension of the type recognised from
/// the file's bytes. A JPEG uploaded as "x.html" is "x.jpg", so no browser or desktop ever treats
/// it as a page or a program.
/// </summary>
internal static class DocumentFileName
{
    private const int MaxStem = 100;

    public static string Safe(string uploadedName, string contentType)
    {
        var name = Path.GetFileName(uploadedName.Replace('\\', '/'));
        var dot = name.LastIndexOf('.');
        var stem = dot > 0 ? name[..dot] : name;
        var safe = new StringBuilder(Math.Min(stem.Length, MaxStem));
        foreach (var c in stem)
        {
            if (safe.Length >= MaxStem)
            {
                break;
            }

            var allowed = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ' ';
            if (allowed)
            {
                safe.Append(c);
            }
            else if (safe.Length > 0 && safe[^1] != '_')
            {
                safe.Append('_');
            }
        }

        var cleaned = safe.ToString().Trim(' ', '_', '-');
        return $"{(cleaned.Length == 0 ? "dokumen" : cleaned)}.{ExtensionOf(contentType)}";
    }

    private static string ExtensionOf(string contentType) => contentType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "application/pdf" => "pdf",
        _ => "bin",
    };
}
