using Jiexin.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Auth;

/// <summary>
/// Identity's sign-in manager, plus: a disabled (停用) account cannot sign in, refresh a token or keep a cookie
/// session alive (the security-stamp check goes through <see cref="CanSignInAsync"/> too).
/// </summary>
internal sealed class JiexinSignInManager(
    UserManager<JiexinUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<JiexinUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<JiexinUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<JiexinUser> confirmation)
    : SignInManager<JiexinUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(JiexinUser user) =>
        !user.IsDisabled && await base.CanSignInAsync(user);

    public override async Task<JiexinUser?> ValidateSecurityStampAsync(System.Security.Claims.ClaimsPrincipal? principal)
    {
        var user = await base.ValidateSecurityStampAsync(principal);
        return user is { IsDisabled: false } ? user : null;
    }
}
