using Jiexin.Modules.Registry.Domain;
using Jiexin.Platform.Privacy;

namespace Jiexin.Modules.Registry.Shared;

/// <summary>Writes and reads a person's personal data through <see cref="IPersonalDataProtector"/>: ciphertext, blind index, mask.</summary>
public sealed class PersonalDataSealer(IPersonalDataProtector protector)
{
    public string IdNumberIndex(string normalised) => protector.BlindIndex(Person.IdNumberField, normalised);

    public string PhoneIndex(string normalised) => protector.BlindIndex(Person.PhoneField, normalised);

    public string TagIndex(string tag) => protector.BlindIndex(Person.TagsField, tag);

    /// <summary>Sets the protected columns of <paramref name="p"/> from valid values (null clears them).</summary>
    public void Seal(Person p, ValidPerson v)
    {
        p.IdNumberCipher = v.IdNumber is null ? null : protector.Encrypt(Person.IdNumberField, v.IdNumber);
        p.IdNumberIndex = v.IdNumber is null ? null : IdNumberIndex(v.IdNumber);
        p.IdNumberMasked = v.IdNumber is null ? null : PersonalDataMask.IdNumber(v.IdNumber);
        p.PhoneCipher = v.Phone is null ? null : protector.Encrypt(Person.PhoneField, v.Phone);
        p.PhoneIndex = v.Phone is null ? null : PhoneIndex(v.Phone);
        p.PhoneMasked = v.Phone is null ? null : PersonalDataMask.Phone(v.Phone);
        p.TagsCipher = v.Tags.Count == 0 ? null : protector.Encrypt(Person.TagsField, string.Join(',', v.Tags));
        p.TagsIndex = v.Tags.Count == 0 ? null : "|" + string.Concat(v.Tags.Select(t => TagIndex(t) + "|"));
        p.BirthDate = v.BirthDate;
        p.Sex = v.Sex;
    }

    public IReadOnlyList<string> Tags(Person p) =>
        p.TagsCipher is null ? [] : protector.Decrypt(Person.TagsField, p.TagsCipher).Split(',', StringSplitOptions.RemoveEmptyEntries);

    public string? IdNumber(Person p) => p.IdNumberCipher is null ? null : protector.Decrypt(Person.IdNumberField, p.IdNumberCipher);

    public string? Phone(Person p) => p.PhoneCipher is null ? null : protector.Decrypt(Person.PhoneField, p.PhoneCipher);

    /// <summary>A person's phone sealed on its own (a proposed correction waiting for approval).</summary>
    public string SealPhone(string normalised) => protector.Encrypt(Person.PhoneField, normalised);

    public string OpenPhone(string cipher) => protector.Decrypt(Person.PhoneField, cipher);
}
