using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Jiexin.Platform.Privacy;

/// <summary>
/// Encrypts personal data (ID numbers, phones, sensitive tags) at rest and gives the keyed blind index that exact
/// search uses. Every value is bound to its field (<paramref name="field"/>, e.g. "registry.person.id_number") as
/// AES-GCM associated data, so a ciphertext copied into another column does not open.
/// </summary>
public interface IPersonalDataProtector
{
    /// <summary><c>pd1:{keyId}:{base64url(nonce | tag | ciphertext)}</c>.</summary>
    string Encrypt(string field, string plaintext);

    /// <exception cref="CryptographicException">tampered, another field's, or a key this instance does not have.</exception>
    string Decrypt(string field, string ciphertext);

    /// <summary>HMAC-SHA256 of the field and the normalised value, first 16 bytes, lower-case hex (32 characters).</summary>
    string BlindIndex(string field, string normalisedValue);

    /// <summary>True when the value was written with an older key (a rotation re-encrypts these).</summary>
    bool NeedsReEncryption(string ciphertext);
}

public sealed class PersonalDataProtector(PersonalDataKeyRing ring) : IPersonalDataProtector
{
    private const string Prefix = "pd1:";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Encrypt(string field, string plaintext)
    {
        var keys = ring.Current;
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(keys.Encryption[keys.CurrentId], TagSize))
        {
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(field));
        }

        return Prefix + keys.CurrentId + ":" + Base64Url.EncodeToString(sealedBytes);
    }

    public string Decrypt(string field, string ciphertext)
    {
        var (keyId, payload) = Parse(ciphertext);
        if (!ring.Current.Encryption.TryGetValue(keyId, out var key))
        {
            throw new CryptographicException($"个人信息密钥 {keyId} 不在本实例的密钥环中。");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Base64Url.DecodeFromChars(payload);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("密文格式不正确。", e);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("密文格式不正确。");
        }

        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(field));
        return Encoding.UTF8.GetString(plain);
    }

    public string BlindIndex(string field, string normalisedValue)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(ring.Current.BlindIndex, Encoding.UTF8.GetBytes(field + "\n" + normalisedValue), mac);
        return Convert.ToHexStringLower(mac[..16]);
    }

    public bool NeedsReEncryption(string ciphertext) => Parse(ciphertext).KeyId != ring.Current.CurrentId;

    private static (string KeyId, string Payload) Parse(string ciphertext)
    {
        if (!ciphertext.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("不是个人信息密文。");
        }

        var separator = ciphertext.IndexOf(':', Prefix.Length);
        if (separator < 0)
        {
            throw new CryptographicException("密文格式不正确。");
        }

        return (ciphertext[Prefix.Length..separator], ciphertext[(separator + 1)..]);
    }
}
