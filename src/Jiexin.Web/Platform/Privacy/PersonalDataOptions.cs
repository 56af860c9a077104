namespace Jiexin.Platform.Privacy;

/// <summary>
/// <c>Jiexin:PersonalData</c>. Production sets the keys here (from a secret store); without them the app generates its
/// own on first start and keeps them in the database wrapped by Data Protection (good for the demo and one-site
/// installs; see docs/decisions on personal data for rotation).
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "Jiexin:PersonalData";

    /// <summary>AES-256 keys by id, base64 of 32 bytes. Old ids stay listed after a rotation so old values still open.</summary>
    public List<PersonalDataKeyOption> EncryptionKeys { get; set; } = [];

    /// <summary>The id of the key new values are encrypted with; defaults to the last configured one.</summary>
    public string? CurrentEncryptionKey { get; set; }

    /// <summary>HMAC-SHA256 key for the blind indexes, base64 of 32 bytes. Changing it means recomputing every index.</summary>
    public string? BlindIndexKey { get; set; }
}

public sealed class PersonalDataKeyOption
{
    public string Id { get; set; } = "";

    public string Key { get; set; } = "";
}
