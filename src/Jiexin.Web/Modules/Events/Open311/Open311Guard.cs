using Jiexin.Modules.Events.Open311.Format;
using Jiexin.Modules.Events.Open311.Keys;
using Microsoft.Extensions.Options;

namespace Jiexin.Modules.Events.Open311;

/// <summary>What every Open311 read checks before it answers: the format, the jurisdiction, and the key when reads want one.</summary>
public sealed class Open311Guard(IOptionsMonitor<Open311Options> options, Open311Keys keys)
{
    public Open311Options Options => options.CurrentValue;

    /// <summary>An error to answer with, or null when the read may go ahead.</summary>
    public async Task<Open311Result?> CheckReadAsync(HttpRequest request, Open311Format format, CancellationToken ct)
    {
        if (CheckJurisdiction(request.Query["jurisdiction_id"], format) is { } wrong)
        {
            return wrong;
        }

        if (Options.RequireKeyForReads && await keys.VerifyAsync(request.Query["api_key"], ct) is null)
        {
            return Open311Result.Forbidden(format, MissingKey);
        }

        return null;
    }

    /// <summary>jurisdiction_id is optional for a single-jurisdiction endpoint; a different one does not exist here.</summary>
    public Open311Result? CheckJurisdiction(string? jurisdictionId, Open311Format format) =>
        !string.IsNullOrWhiteSpace(jurisdictionId) && Options.JurisdictionId is { Length: > 0 } ours
            && !string.Equals(jurisdictionId.Trim(), ours, StringComparison.OrdinalIgnoreCase)
            ? Open311Result.NotFound(format, $"jurisdiction_id “{jurisdictionId}” 不存在，本接口服务于 {ours}。 jurisdiction_id not found.")
            : null;

    public const string MissingKey = "api_key 缺失或无效，无法继续。 Missing or invalid api_key -- can't proceed.";
}
