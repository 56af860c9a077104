namespace Jiexin.Platform.Privacy;

/// <summary>
/// Personal data by design (DOMAIN.md §2): AES-GCM encryption at rest and keyed blind indexes
/// (<see cref="IPersonalDataProtector"/>), masks (<see cref="PersonalDataMask"/>), validation
/// (<see cref="ChineseIdNumber"/>, <see cref="MobileNumber"/>). Reveals are audited by the module that shows them.
/// </summary>
public static class PrivacyModule
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PersonalDataOptions>().BindConfiguration(PersonalDataOptions.Section);
        services.AddSingleton<PersonalDataKeyRing>();
        services.AddSingleton<IPersonalDataProtector, PersonalDataProtector>();
        services.AddScoped<Jiexin.Platform.Data.IStartupTask, LoadPersonalDataKeys>();
        return builder;
    }
}
