using Jiexin.Platform.Audit;

namespace Jiexin.Modules.Events.Open311.Domain;

/// <summary>
/// An api_key the Admin issued to a partner platform. Only its SHA-256 is stored: the key is shown once, when it is
/// created. Revoking is final (a partner that needs access again gets a new key).
/// </summary>
public sealed class Open311ApiKey
{
    public Guid Id { get; set; }

    /// <summary>Who the key is for, e.g. "12345 热线平台".</summary>
    public required string Name { get; set; }

    /// <summary>The key's first characters, so people can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the key, hex. A key is 256 random bits, so a plain hash cannot be brute-forced.</summary>
    [AuditRedacted]
    public required string KeyHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }
}

/// <summary>
/// What Open311 adds to an event it created: the partner that sent it, the token (batch mode), the media_url and the
/// submitter's contact details. The contact details are personal data: stored encrypted (Data Protection), never
/// returned by Open311, left out of the audit log.
/// </summary>
public sealed class Open311Submission
{
    public Guid EventId { get; set; }

    public required string Token { get; set; }

    public Guid? ApiKeyId { get; set; }

    public required string ClientName { get; set; }

    public string? ServiceCode { get; set; }

    public string? MediaUrl { get; set; }

    /// <summary>email, first_name, last_name, phone, account_id, device_id as sent, encrypted.</summary>
    [AuditRedacted]
    public string? ProtectedContact { get; set; }

    public DateTime CreatedAt { get; set; }
}
