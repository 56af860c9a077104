namespace Jiexin.Modules.Events.Open311.ManageApiKeys;

/// <summary>An api_key as the Admin sees it: never the key itself (only its prefix), except once at creation.</summary>
public sealed record ApiKeyDto(
    Guid? Id,
    string Name,
    string? Prefix,
    bool FromConfiguration,
    bool IsRevoked,
    DateTime? CreatedAt,
    string? CreatedBy,
    DateTime? RevokedAt,
    string? RevokedBy);

/// <summary>The answer to creating a key: the one and only time <see cref="Key"/> is shown.</summary>
public sealed record CreatedApiKeyDto(ApiKeyDto ApiKey, string Key);
