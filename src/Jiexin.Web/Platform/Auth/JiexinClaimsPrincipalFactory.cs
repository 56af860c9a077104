using System.Security.Claims;
using Jiexin.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Jiexin.Platform.Auth;

/// <summary>Puts the display name and the org unit into the sign-in, so scope checks need no database round trip.</summary>
internal sealed class JiexinClaimsPrincipalFactory(
    UserManager<JiexinUser> users, RoleManager<JiexinRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<JiexinUser, JiexinRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(JiexinUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(JiexinClaims.DisplayName, user.DisplayName.Length > 0 ? user.DisplayName : user.UserName ?? ""));
        if (user.OrgUnitKind is { } kind && user.OrgUnitId is { } id)
        {
            identity.AddClaim(new Claim(JiexinClaims.OrgUnitKind, kind.ToString()));
            identity.AddClaim(new Claim(JiexinClaims.OrgUnitId, id.ToString()));
        }

        return identity;
    }
}
