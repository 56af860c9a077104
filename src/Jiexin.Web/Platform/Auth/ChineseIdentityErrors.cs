using Microsoft.AspNetCore.Identity;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Platform.Auth;

/// <summary>Identity's messages in zh-CN first (with English), so validation problems can be shown as they are.</summary>
internal sealed class ChineseIdentityErrors : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => E(nameof(DefaultError), "操作失败。", "The operation failed.");

    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "账号已被他人修改，请刷新后重试。", "The account was changed by someone else; reload and try again.");

    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "密码不正确。", "Incorrect password.");

    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "令牌无效或已过期。", "Invalid or expired token.");

    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "恢复码无效。", "Invalid recovery code.");

    public override IdentityError LoginAlreadyAssociated() => E(nameof(LoginAlreadyAssociated), "该外部登录已绑定其他账号。", "This external login is already linked to another account.");

    public override IdentityError InvalidUserName(string? userName) =>
        E(nameof(InvalidUserName), $"用户名“{userName}”无效：只能包含字母、数字和 - . _ @ +。", $"User name '{userName}' is invalid: use letters, digits and - . _ @ + only.");

    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"邮箱“{email}”无效。", $"Email '{email}' is invalid.");

    public override IdentityError DuplicateUserName(string userName) =>
        E(nameof(DuplicateUserName), $"用户名“{userName}”已被使用。", $"User name '{userName}' is already taken.");

    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"邮箱“{email}”已被使用。", $"Email '{email}' is already taken.");

    public override IdentityError InvalidRoleName(string? role) => E(nameof(InvalidRoleName), $"角色“{role}”无效。", $"Role '{role}' is invalid.");

    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), $"角色“{role}”已存在。", $"Role '{role}' already exists.");

    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "该账号已设置密码。", "The account already has a password.");

    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "该账号未启用锁定。", "Lockout is not enabled for this account.");

    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"账号已拥有角色“{role}”。", $"The account already has role '{role}'.");

    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), $"账号没有角色“{role}”。", $"The account does not have role '{role}'.");

    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"密码至少需要 {length} 位。", $"The password needs at least {length} characters.");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        E(nameof(PasswordRequiresUniqueChars), $"密码至少需要 {uniqueChars} 个不同的字符。", $"The password needs at least {uniqueChars} different characters.");

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        E(nameof(PasswordRequiresNonAlphanumeric), "密码至少需要一个符号（非字母数字）。", "The password needs a symbol.");

    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "密码至少需要一个数字（0-9）。", "The password needs a digit (0-9).");

    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "密码至少需要一个小写字母（a-z）。", "The password needs a lower-case letter (a-z).");

    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "密码至少需要一个大写字母（A-Z）。", "The password needs an upper-case letter (A-Z).");

    private static IdentityError E(string code, string zh, string en) => new() { Code = code, Description = T(zh, en) };
}
