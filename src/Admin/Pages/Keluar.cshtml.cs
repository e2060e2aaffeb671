using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sejahtera.Admin.Security;
using Sejahtera.Engine.Identity;

namespace Sejahtera.Admin.Pages;

/// <summary>
/// Sign-out. The user's security stamp changes before the cookie is removed, so a copy of the
/// cookie kept elsewhere (another tab, a stolen copy) is refused from the next request on: the
/// cookie validation compares the stamp on every request (see SessionStamps).
/// </summary>
public sealed class KeluarModel(SignInManager<AppUser> signIn, SessionStamps stamps) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            stamps.Changed(user.Id, await signIn.UserManager.GetSecurityStampAsync(user));
        }

        await signIn.SignOutAsync();
        return Redirect("/masuk");
    }
}
