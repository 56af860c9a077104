using System.Security.Cryptography;
using Jiexin.Data;
using Jiexin.Modules.Territory.Contracts;
using Jiexin.Platform.Auth;
using Jiexin.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Jiexin.Modules.Accounts.Seed;

/// <summary>
/// On an empty install: the roles, and either one admin (Jiexin:SeedDemo=false) or one account per role
/// bound to the demo territory. Password from Jiexin:DemoPassword, else generated and printed once.
/// </summary>
internal sealed class DemoAccountsSeeder(
    UserManager<JiexinUser> users,
    RoleManager<JiexinRole> roles,
    ITerritoryLookup territory,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<DemoAccountsSeeder> logger) : IStartupTask
{
    public int Order => 200;

    public async Task RunAsync(CancellationToken ct)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new JiexinRole(role)));
            }
        }

        if (await users.Users.AnyAsync(ct))
        {
            return;
        }

        var configured = configuration["Jiexin:DemoPassword"];
        var password = string.IsNullOrWhiteSpace(configured) ? GeneratePassword() : configured;
        var seedDemo = configuration.GetValue("Jiexin:SeedDemo", true);

        var street = territory.Street;
        var community = territory.Communities.FirstOrDefault();
        var grid = community is null ? null : territory.GridsOf(community.Id).FirstOrDefault();
        var cg = territory.FindDepartmentByShortName("城管");
        var justice = territory.FindDepartmentByShortName("司法所");

        Unit? Street() => street is null ? null : new(OrgUnitKind.Street, street.Id);

        var accounts = new List<(string UserName, string Name, string Role, Unit? Unit)>
        {
            ("admin", "系统管理员", Roles.Admin, Street()),
        };
        if (seedDemo)
        {
            accounts.AddRange(
            [
                ("commander", "指挥中心值班员", Roles.Commander, Street()),
                ("leader", "街道分管领导", Roles.Leader, Street()),
                ("community01", $"{community?.Name}工作人员", Roles.CommunityStaff, community is null ? null : new(OrgUnitKind.Community, community.Id)),
                ("grid01", $"{grid?.Name}网格员", Roles.GridWorker, grid is null ? null : new(OrgUnitKind.Grid, grid.Id)),
                ("dept-cg", "城管中队办事员", Roles.DepartmentStaff, cg is null ? null : new(OrgUnitKind.Department, cg.Id)),
                ("mediator01", "矛调中心调解员", Roles.Mediator, justice is null ? Street() : new(OrgUnitKind.Department, justice.Id)),
                ("resident01", "居民张先生", Roles.Resident, null),
                ("resident02", "居民李女士", Roles.Resident, null),
            ]);
        }

        // The demo accounts share one password: check it against the policy and hash it once, not once per
        // account (PBKDF2 is deliberately slow; nine hashes dominated the first start).
        foreach (var validator in users.PasswordValidators)
        {
            Check(await validator.ValidateAsync(users, new JiexinUser(), password));
        }

        var passwordHash = users.PasswordHasher.HashPassword(new JiexinUser(), password);

        foreach (var (userName, name, role, unit) in accounts)
        {
            var user = new JiexinUser
            {
                UserName = userName,
                DisplayName = name,
                OrgUnitKind = unit?.Kind,
                OrgUnitId = unit?.Id,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            user.PasswordHash = passwordHash;
            Check(await users.CreateAsync(user));
            Check(await users.AddToRoleAsync(user, role));
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            // Printed once, on the console only, at first start: the operator copies it and changes it.
            Console.WriteLine();
            Console.WriteLine("==============================================================");
            Console.WriteLine($" 解新事 首次启动 / first start: password for {string.Join(", ", accounts.Select(a => a.UserName))}");
            Console.WriteLine($"   {password}");
            Console.WriteLine(" 请妥善保存并尽快修改 / keep it safe and change it.");
            Console.WriteLine("==============================================================");
            Console.WriteLine();
        }

        logger.LogInformation("Seeded {Count} accounts", accounts.Count);
    }

    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
        var chars = RandomNumberGenerator.GetItems(alphabet.AsSpan(), 12);
        return "Jx-" + new string(chars) + "-9";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding accounts failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private readonly record struct Unit(OrgUnitKind Kind, Guid Id);
}
