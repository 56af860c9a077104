namespace Jiexin.Modules.Accounts;

/// <summary>Login (cookie and bearer), accounts administration.</summary>
public static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder) => builder;

    public static void MapAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        _ = api.MapGroup("/auth").WithTags("Accounts");
    }
}
