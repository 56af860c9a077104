namespace Jiexin.Modules.Disputes.Domain;

/// <summary>纠纷类型: an editable list, seeded from the issue (婚姻家庭 … 其他).</summary>
public sealed class DisputeType
{
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int SortOrder { get; set; }

    public bool IsActive { get; set; } = true;

    /// <summary>Seeded defaults: (code, name).</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> Defaults =
    [
        ("marriage_family", "婚姻家庭"),
        ("neighbour", "邻里"),
        ("housing_land", "房屋宅基地"),
        ("property_service", "物业"),
        ("labour", "劳动争议"),
        ("consumer", "消费"),
        ("traffic", "交通事故"),
        ("medical", "医疗"),
        ("land_demolition", "征地拆迁"),
        ("contract_debt", "合同债务"),
        ("damages", "损害赔偿"),
        ("other", "其他"),
    ];
}

/// <summary>品牌调解室 (or 法官+ station): receives 专家门诊 cases by dispute type; its lead mediator accepts them.</summary>
public sealed class MediationRoom
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Dispute type codes it specialises in, comma separated.</summary>
    public string Specialties { get; set; } = "";

    public Guid? LeadUserId { get; set; }

    public string? LeadName { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>咨询 / 解答: a question answered at the desk that needs no case, still counted.</summary>
public sealed class Consultation
{
    public Guid Id { get; set; }

    public DateTime At { get; set; }

    public DisputeChannel Channel { get; set; }

    public required string TypeCode { get; set; }

    public required string Question { get; set; }

    public string? Answer { get; set; }

    public Guid? CommunityId { get; set; }

    public Guid? RecordedByUserId { get; set; }

    public string RecordedBy { get; set; } = "";
}
