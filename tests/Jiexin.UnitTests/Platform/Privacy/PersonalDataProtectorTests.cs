using System.Security.Cryptography;
using Jiexin.Platform.Privacy;

namespace Jiexin.UnitTests.Platform.Privacy;

public sealed class PersonalDataProtectorTests
{
    private static PersonalDataProtector ProtectorWith(string currentId, params (string Id, byte[] Key)[] keys)
    {
        var ring = new PersonalDataKeyRing();
        ring.Use(keys.ToDictionary(k => k.Id, k => k.Key), currentId, Fixed(7));
        return new PersonalDataProtector(ring);
    }

    private static byte[] Fixed(byte value) => Enumerable.Repeat(value, 32).ToArray();

    [Fact]
    public void Encrypts_to_a_different_text_each_time_and_opens_again()
    {
        var protector = ProtectorWith("k1", ("k1", Fixed(1)));

        var first = protector.Encrypt("registry.person.id_number", "32028219900101123X");
        var second = protector.Encrypt("registry.person.id_number", "32028219900101123X");

        Assert.StartsWith("pd1:k1:", first);
        Assert.DoesNotContain("32028219900101123X", first);
        Assert.NotEqual(first, second);
        Assert.Equal("32028219900101123X", protector.Decrypt("registry.person.id_number", first));
        Assert.Equal("32028219900101123X", protector.Decrypt("registry.person.id_number", second));
    }

    [Fact]
    public void A_value_does_not_open_in_another_field_or_when_tampered()
    {
        var protector = ProtectorWith("k1", ("k1", Fixed(1)));
        var cipher = protector.Encrypt("registry.person.phone", "13812345678");

        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt("registry.person.id_number", cipher));

        var tampered = cipher[..^2] + (cipher[^2] == 'A' ? "B" : "A") + cipher[^1];
        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt("registry.person.phone", tampered));
        Assert.ThrowsAny<CryptographicException>(() => protector.Decrypt("registry.person.phone", "13812345678"));
    }

    [Fact]
    public void After_a_rotation_old_values_open_and_are_marked_for_re_encryption()
    {
        var before = ProtectorWith("k1", ("k1", Fixed(1)));
        var old = before.Encrypt("f", "13812345678");

        var after = ProtectorWith("k2", ("k1", Fixed(1)), ("k2", Fixed(2)));
        var fresh = after.Encrypt("f", "13812345678");

        Assert.Equal("13812345678", after.Decrypt("f", old));
        Assert.True(after.NeedsReEncryption(old));
        Assert.False(after.NeedsReEncryption(fresh));
        Assert.StartsWith("pd1:k2:", fresh);

        var withoutOldKey = ProtectorWith("k2", ("k2", Fixed(2)));
        Assert.ThrowsAny<CryptographicException>(() => withoutOldKey.Decrypt("f", old));
    }

    [Fact]
    public void Blind_index_is_stable_per_field_and_value_and_keyed()
    {
        var protector = ProtectorWith("k1", ("k1", Fixed(1)));

        var index = protector.BlindIndex("registry.person.id_number", "32028219900101123X");

        Assert.Equal(32, index.Length);
        Assert.Equal(index, protector.BlindIndex("registry.person.id_number", "32028219900101123X"));
        Assert.NotEqual(index, protector.BlindIndex("registry.person.id_number", "320282199001011248"));
        Assert.NotEqual(index, protector.BlindIndex("registry.person.phone", "32028219900101123X"));

        var otherRing = new PersonalDataKeyRing();
        otherRing.Use(new Dictionary<string, byte[]> { ["k1"] = Fixed(1) }, "k1", Fixed(9));
        Assert.NotEqual(index, new PersonalDataProtector(otherRing).BlindIndex("registry.person.id_number", "32028219900101123X"));
    }
}
