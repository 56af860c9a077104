namespace Jiexin.Modules.Events.Open311;

/// <summary>Bound from <c>Jiexin:Open311</c>.</summary>
public sealed class Open311Options
{
    /// <summary>
    /// Keys kept in configuration (deployment secrets) next to those the Admin issues on the page. Each has a name and
    /// either the key itself (<c>Key</c>) or, better, only its SHA-256 in hex (<c>KeySha256</c>), so the secret need not
    /// sit in a settings file.
    /// </summary>
    public List<ConfiguredApiKey> ApiKeys { get; set; } = [];

    /// <summary>
    /// The jurisdiction_id this endpoint serves (e.g. the street's web domain). Unset: jurisdiction_id is ignored, as
    /// the spec allows for a single-jurisdiction endpoint. Set: another value is answered 404.
    /// </summary>
    public string? JurisdictionId { get; set; }

    /// <summary>
    /// <c>realtime</c> (default): POST requests answers the service_request_id at once. <c>batch</c>: it answers a token
    /// that <c>tokens/{token}</c> turns into the id, for partners built around tokens.
    /// </summary>
    public string ServiceType { get; set; } = "realtime";

    /// <summary>Off by default (the spec's reads need no key). On: every read wants a valid api_key too.</summary>
    public bool RequireKeyForReads { get; set; }

    /// <summary>Discovery: <c>production</c> or <c>test</c>.</summary>
    public string EndpointType { get; set; } = "production";

    /// <summary>Discovery: how to reach the people who run the API.</summary>
    public string Contact { get; set; } = "街道指挥中心（综治中心）系统管理员 · Contact the street command centre's system administrator.";

    /// <summary>Discovery: how to get an API key.</summary>
    public string KeyService { get; set; } = "API key 由街道系统管理员在“系统管理 → Open311 接口密钥”中签发。 API keys are issued by the street's administrator.";

    /// <summary>Public base URL of the endpoint when behind a proxy (e.g. https://jiexin.example.gov.cn/open311/v2); default from the request.</summary>
    public string? BaseUrl { get; set; }

    public bool IsBatch => string.Equals(ServiceType, "batch", StringComparison.OrdinalIgnoreCase);
}

public sealed class ConfiguredApiKey
{
    public string Name { get; set; } = "";

    public string? Key { get; set; }

    public string? KeySha256 { get; set; }
}
