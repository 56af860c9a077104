using Microsoft.AspNetCore.DataProtection;

namespace Jiexin.Modules.Events.Shared;

/// <summary>
/// Callers' phone numbers (personal data, DOMAIN.md §2): validated, encrypted at rest with ASP.NET Core Data Protection
/// (the app's key ring, persisted in the database), masked for screens.
/// </summary>
public sealed class ContactPhones(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Jiexin.Events.ContactPhone");

    /// <summary>Digits, optionally a leading + and the separators people type (space, -, parentheses); 7–15 digits.</summary>
    public static string? Normalise(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var text = phone.Trim();
        if (text.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '+')) || text.LastIndexOf('+') > 0)
        {
            return null;
        }

        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        return digits.Length is >= 7 and <= 15 ? (text.StartsWith('+') ? "+" : "") + digits : null;
    }

    /// <summary>13812345678 → 138****5678, the platform's mask for every phone on screen.</summary>
    public static string Mask(string normalised) => Jiexin.Platform.Privacy.PersonalDataMask.Phone(normalised);

    public string Protect(string normalised) => _protector.Protect(normalised);

    public string Unprotect(string protectedPhone) => _protector.Unprotect(protectedPhone);
}
