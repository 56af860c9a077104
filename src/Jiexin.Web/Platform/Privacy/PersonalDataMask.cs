namespace Jiexin.Platform.Privacy;

/// <summary>How personal data looks on screens and in exports unless a reveal is allowed and audited.</summary>
public static class PersonalDataMask
{
    /// <summary>320282199001011234 → 320282**********34: the region stays readable, the birth date and serial do not.</summary>
    public static string IdNumber(string idNumber)
    {
        if (idNumber.Length <= 8)
        {
            return new string('*', idNumber.Length);
        }

        return idNumber[..6] + new string('*', idNumber.Length - 8) + idNumber[^2..];
    }

    /// <summary>13812345678 → 138****5678; 051287654321 → 0512****4321; short numbers keep only their last 2.</summary>
    public static string Phone(string phone)
    {
        var digits = phone.TrimStart('+');
        if (digits.Length >= 11)
        {
            var head = digits.Length - 8;
            return digits[..head] + "****" + digits[^4..];
        }

        return digits.Length <= 2 ? new string('*', digits.Length) : new string('*', digits.Length - 2) + digits[^2..];
    }

    /// <summary>张三 → 张*, 欧阳娜娜 → 欧***: the first character, then one * per remaining one.</summary>
    public static string Name(string name) =>
        name.Length <= 1 ? name : name[..1] + new string('*', name.Length - 1);
}
