using Jiexin.Data;
using Jiexin.Platform.Auth;
using static Jiexin.Platform.Localization.Text;

namespace Jiexin.Modules.Accounts.Domain;

/// <summary>Rules every create and edit checks, with zh-CN messages under the API's field names.</summary>
internal static class AccountRules
{
    public const int MaxDisplayName = 64;

    public static Failure? CheckDisplayName(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) ? Failure.Invalid("displayName", T("请填写姓名。", "Enter the display name."))
        : displayName.Trim().Length > MaxDisplayName ? Failure.Invalid("displayName", T($"姓名最多 {MaxDisplayName} 个字。", $"At most {MaxDisplayName} characters."))
        : null;

    public static Failure? CheckRole(string? role) =>
        string.IsNullOrWhiteSpace(role) ? Failure.Invalid("role", T("请选择角色。", "Choose a role."))
        : !Roles.All.Contains(role) ? Failure.Invalid("role", T($"角色“{role}”不存在。", $"No role '{role}'."))
        : null;

    /// <summary>The unit must exist and its kind must fit the role (GridWorker → grid, CommunityStaff → community ...).</summary>
    public static Failure? CheckUnit(string role, OrgUnitKind? kind, Guid? id, IOrgDirectory directory)
    {
        if (kind is null != id is null)
        {
            return Failure.Invalid("orgUnitId", T("组织单元的类型和编号须同时填写。", "Give both the org unit's kind and id."));
        }

        if (!RoleUnits.Fits(role, kind))
        {
            return Failure.Invalid("orgUnitId", T(
                $"所选组织单元与角色不符：{RoleUnits.Requirement(role)}。",
                $"The org unit does not fit the role: {RoleUnits.Requirement(role)}."));
        }

        if (kind is { } k && id is { } i && !directory.Exists(new OrgUnitRef(k, i)))
        {
            return Failure.Invalid("orgUnitId", T("所选组织单元不存在。", "No such org unit."));
        }

        return null;
    }
}
