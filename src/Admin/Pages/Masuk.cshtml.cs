using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;

namespace Sejahtera.Admin.Pages;

[SignInEndpoint]
internal sealed class MasukModel(SignInGuard guard) : PageModel
{
    public const string Refused = "Nama pengguna atau kata sandi salah.";
    public const string Locked = "Terlalu banyak percobaan yang gagal untuk nama pengguna ini dari alamat Anda. Coba lagi dalam beberapa menit.";

    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var outcome = await guard.AttemptAsync(UserName, Password, HttpContext.Connection.RemoteIpAddress);
        if (outcome == SignInOutcome.SignedIn)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Error = outcome == SignInOutcome.Locked ? Locked : Refused;
        return Page();
    }
}
