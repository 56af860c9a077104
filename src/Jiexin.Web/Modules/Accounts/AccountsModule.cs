using Jiexin.Modules.Accounts.Login;
using Jiexin.Modules.Accounts.Seed;
using Jiexin.Platform.Data;

namespace Jiexin.Modules.Accounts;

/// <summary>Login (cookie and bearer), accounts administration, the seeded accounts.</summary>
public static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IStartupTask, DemoAccountsSeeder>();
        return builder;
    }

    public static void MapAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").AllowAnonymous();
        ApiLogin.Map(auth);
    }
}
