using Jiexin.Platform.Audit;

namespace Jiexin.Platform.Privacy;

/// <summary>A generated key, stored wrapped by Data Protection (<see cref="ProtectedKey"/>), never in clear.</summary>
public sealed class PersonalDataKey
{
    public const string EncryptionPurpose = "encryption";
    public const string BlindIndexPurpose = "blind-index";

    public string Id { get; set; } = "";

    public string Purpose { get; set; } = "";

    [AuditRedacted]
    public string ProtectedKey { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}
