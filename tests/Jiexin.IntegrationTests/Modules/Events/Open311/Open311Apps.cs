using Jiexin.IntegrationTests.Infrastructure;

namespace Jiexin.IntegrationTests.Modules.Events.Open311;

/// <summary>The app with one api_key in configuration (<c>Jiexin:Open311:ApiKeys</c>), as a deployment would set it.</summary>
public static class Open311Settings
{
    public const string ConfiguredKey = "o311_configured-test-key-for-the-contract-tests";
    public const string ConfiguredName = "配置测试平台";
    public const string Jurisdiction = "xinzhuang.example.gov.cn";

    public static IDictionary<string, string?> Default => new Dictionary<string, string?>
    {
        ["Jiexin:Open311:ApiKeys:0:Name"] = ConfiguredName,
        ["Jiexin:Open311:ApiKeys:0:Key"] = ConfiguredKey,
    };

    /// <summary>Batch mode, keys wanted for reads, one jurisdiction: every option that changes what the spec allows.</summary>
    public static IDictionary<string, string?> Strict => new Dictionary<string, string?>(Default)
    {
        ["Jiexin:Open311:ServiceType"] = "batch",
        ["Jiexin:Open311:RequireKeyForReads"] = "true",
        ["Jiexin:Open311:JurisdictionId"] = Jurisdiction,
    };
}

public class Open311SqliteApp : SqliteApp
{
    protected override IDictionary<string, string?> Settings => Open311Settings.Default;
}

public class Open311PostgresApp : PostgresApp
{
    protected override IDictionary<string, string?> Settings => Open311Settings.Default;
}

public class StrictOpen311SqliteApp : SqliteApp
{
    protected override IDictionary<string, string?> Settings => Open311Settings.Strict;
}

public class StrictOpen311PostgresApp : PostgresApp
{
    protected override IDictionary<string, string?> Settings => Open311Settings.Strict;
}
