using Jiexin.Modules.Accounts.Domain;
using Jiexin.Modules.Accounts.Login;
using Jiexin.Modules.Accounts.Seed;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;

namespace Jiexin.Modules.Accounts;

/// <summary>Login (cookie and bearer), accounts administration, the scoped staff directory, the seeded accounts.</summary>
public static class AccountsModule
{
    public static WebApplicationBuilder AddAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<IStartupTask, DemoAccountsSeeder>();
        services.AddSingleton<OrgUnitChoices>();

        services.AddScoped<PasswordLogin.Handler>();
        services.AddScoped<ListAccounts.ListAccounts.Handler>();
        services.AddScoped<GetAccount.GetAccount.Handler>();
        services.AddScoped<CreateAccount.CreateAccount.Handler>();
        services.AddScoped<EditAccount.EditAccount.Handler>();
        services.AddScoped<ChangeAccountStatus.ChangeAccountStatus.Handler>();
        services.AddScoped<ResetPassword.ResetPassword.Handler>();
        services.AddScoped<ListStaff.ListStaff.Handler>();
        return builder;
    }

    public static void MapAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Accounts").AllowAnonymous();
        ApiLogin.Map(auth);
        RefreshToken.Map(auth);

        var accounts = api.MapGroup("/admin/accounts").WithTags("Accounts").RequireAuthorization(Policies.Admin);
        ListAccounts.ListAccounts.Map(accounts);
        GetAccount.GetAccount.Map(accounts);
        CreateAccount.CreateAccount.Map(accounts);
        EditAccount.EditAccount.Map(accounts);
        ChangeAccountStatus.ChangeAccountStatus.Map(accounts);
        ResetPassword.ResetPassword.Map(accounts);

        ListStaff.ListStaff.Map(api);

        Logout.Map(app);
    }
}
