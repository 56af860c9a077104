using System.Security.Cryptography;
using Jiexin.Modules.Disputes.Domain;
using Jiexin.Platform.Privacy;

namespace Jiexin.Modules.Disputes.Shared;

/// <summary>Party ID numbers and phones: encrypted with a blind index at rest, masked on every screen (ADR 0022).</summary>
public sealed class PartyData(IPersonalDataProtector protector)
{
    public const string IdNumberField = "disputes.party.id_number";
    public const string PhoneField = "disputes.party.phone";

    public void SetIdNumber(DisputeParty party, string? normalised)
    {
        party.IdNumberCipher = normalised is null ? null : protector.Encrypt(IdNumberField, normalised);
        party.IdNumberIndex = normalised is null ? null : protector.BlindIndex(IdNumberField, normalised);
    }

    public void SetPhone(DisputeParty party, string? normalised)
    {
        party.PhoneCipher = normalised is null ? null : protector.Encrypt(PhoneField, normalised);
        party.PhoneIndex = normalised is null ? null : protector.BlindIndex(PhoneField, normalised);
    }

    public string IdIndex(string normalised) => protector.BlindIndex(IdNumberField, normalised);

    public string PhoneIndex(string normalised) => protector.BlindIndex(PhoneField, normalised);

    public string? MaskedIdNumber(DisputeParty party) => Open(IdNumberField, party.IdNumberCipher) is { } v ? PersonalDataMask.IdNumber(v) : null;

    public string? MaskedPhone(DisputeParty party) => Open(PhoneField, party.PhoneCipher) is { } v ? PersonalDataMask.Phone(v) : null;

    /// <summary>A value this instance cannot open shows as masked stars rather than failing the page.</summary>
    private string? Open(string field, string? cipher)
    {
        if (cipher is null)
        {
            return null;
        }

        try
        {
            return protector.Decrypt(field, cipher);
        }
        catch (CryptographicException)
        {
            return "********";
        }
    }

    /// <summary>Normalised phone: a mainland mobile (11 digits) or a landline with area code (digits only); null when neither.</summary>
    public static string? NormalisePhone(string? value)
    {
        if (MobileNumber.Normalise(value) is { } mobile)
        {
            return mobile;
        }

        if (string.IsNullOrWhiteSpace(value) || value.Any(c => !(char.IsAsciiDigit(c) || c is '-' or ' ')))
        {
            return null;
        }

        var digits = string.Concat(value.Where(char.IsAsciiDigit));
        return digits.Length is >= 10 and <= 12 && digits[0] == '0' ? digits : null;
    }
}
