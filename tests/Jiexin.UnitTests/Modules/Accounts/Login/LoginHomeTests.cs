using Jiexin.Modules.Accounts.Login;
using Jiexin.Platform.Auth;

namespace Jiexin.UnitTests.Modules.Accounts.Login;

/// <summary>Where each kind of account lands after signing in without a return link.</summary>
public sealed class LoginHomeTests
{
    [Fact]
    public void Residents_land_on_their_pages_grid_workers_on_my_grid_other_staff_on_the_console()
    {
        Assert.Equal("/m", PasswordLogin.Handler.HomeFor([Roles.Resident]));
        Assert.Equal("/m/grid", PasswordLogin.Handler.HomeFor([Roles.GridWorker]));
        Assert.Equal("/", PasswordLogin.Handler.HomeFor([Roles.Commander]));
        // A grid worker who is also community staff works at a desk too: the console has both.
        Assert.Equal("/", PasswordLogin.Handler.HomeFor([Roles.GridWorker, Roles.CommunityStaff]));
        Assert.Equal("/", PasswordLogin.Handler.HomeFor([]));
    }
}
